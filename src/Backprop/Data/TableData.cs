using System.Numerics;

namespace Backprop.Data;

/// <summary>A table made ready for training: the train and test datasets (test has no rows when the test fraction is 0),
/// the preprocessing fitted on the training rows (to store with the model), and the columns whose missing cells were filled.</summary>
public sealed record TableData<T>(Dataset<T> Train, Dataset<T> Test, TablePreprocessor Preprocessor, IReadOnlyList<ImputedColumn> Imputed)
    where T : unmanaged, IFloatingPointIeee754<T>;
