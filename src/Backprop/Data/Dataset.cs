using System.Numerics;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Data;

/// <summary>Examples as rows: features X [m × n] and targets Y, which are [m × 1] for binary labels (0/1) and regression,
/// or [m] class indices 0 … C−1 (stored as T) for multiclass; <see cref="WithOneHotTargets"/> turns those into [m × C].
/// Class and feature names travel with the data when known.</summary>
public sealed class Dataset<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public Dataset(Tensor<T> x, Tensor<T> y, IReadOnlyList<string>? classNames = null, IReadOnlyList<string>? featureNames = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Rank != 2) throw new ArgumentException($"Features must be a matrix [examples × features]; got shape {ShapeMath.Format(x.Shape)}.", nameof(x));
        if (y.Rank is not (1 or 2)) throw new ArgumentException($"Targets must be [m], [m × 1] or [m × k]; got shape {ShapeMath.Format(y.Shape)}.", nameof(y));
        if (y.Dim(0) != x.Dim(0)) throw new ArgumentException($"{x.Dim(0)} examples of features but {y.Dim(0)} targets.", nameof(y));
        if (featureNames is not null && featureNames.Count != x.Dim(1))
            throw new ArgumentException($"{featureNames.Count} feature names for {x.Dim(1)} features.", nameof(featureNames));
        (X, Y, ClassNames, FeatureNames) = (x, y, classNames, featureNames);
    }

    /// <summary>The features X [m × n], one example per row.</summary>
    public Tensor<T> X { get; }

    /// <summary>The targets Y: [m × 1] (binary 0/1 or regression), [m] (class indices) or [m × k] (one-hot or several outputs).</summary>
    public Tensor<T> Y { get; }

    /// <summary>The name of each class, indexed by label, or null (regression, or unknown).</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>The name of each feature column, or null.</summary>
    public IReadOnlyList<string>? FeatureNames { get; }

    /// <summary>m, the number of examples.</summary>
    public int Count => X.Dim(0);

    /// <summary>n, the number of features per example.</summary>
    public int FeatureCount => X.Dim(1);

    /// <summary>(train, test): a seeded random split like scikit-learn's <c>train_test_split(test_size=f, random_state=seed)</c>:
    /// p = <see cref="NumpyRandom.Permutation"/>(m), test = p[0 … ⌈f·m⌉−1], train = the rest, both in permutation order.</summary>
    public (Dataset<T> Train, Dataset<T> Test) Split(double testFraction, NumpyRandom random)
    {
        var (train, test) = DataSplit.Indices(Count, testFraction, random);
        return (Take(train), Take(test));
    }

    /// <summary>Mini-batches of at most <paramref name="batchSize"/> examples in order (views, no copy) or, with
    /// <paramref name="shuffle"/>, in the order of a permutation drawn when the enumeration starts (copies, as the
    /// course's <c>random_mini_batches</c>). The last batch holds the m mod batchSize examples left, if any.</summary>
    public IEnumerable<(Tensor<T> X, Tensor<T> Y)> Batches(int batchSize, NumpyRandom? shuffle = null)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "A batch needs at least one example.");
        return Enumerate(batchSize, shuffle);
    }

    private IEnumerable<(Tensor<T> X, Tensor<T> Y)> Enumerate(int batchSize, NumpyRandom? shuffle)
    {
        int m = Count;
        var order = shuffle?.Permutation(m);
        for (int start = 0; start < m; start += batchSize)
        {
            int count = Math.Min(batchSize, m - start);
            if (order is null)
                yield return (X.Rows(start, count), Y.Rows(start, count));
            else
            {
                var rows = order.AsSpan(start, count);
                yield return (X.GatherRows(rows), Y.GatherRows(rows));
            }
        }
    }

    /// <summary>The examples at <paramref name="rows"/>, copied, with the same names.</summary>
    public Dataset<T> Take(ReadOnlySpan<int> rows) => new(X.GatherRows(rows), Y.GatherRows(rows), ClassNames, FeatureNames);

    /// <summary>Each example's class: the index itself for [m] targets, the argmax of a one-hot row for [m × k], and the
    /// rounded 0/1 value for [m × 1].</summary>
    public int[] Labels()
    {
        if (Y.Rank == 2 && Y.Dim(1) > 1) return Y.ArgMax(1);
        var y = Y.AsReadOnlySpan();
        var labels = new int[y.Length];
        for (int i = 0; i < y.Length; i++) labels[i] = int.CreateChecked(T.Round(y[i]));
        return labels;
    }

    /// <summary>The same examples with class-index targets, [m] or [m × 1], turned into one-hot rows [m × C]; C is
    /// <paramref name="classes"/>, else the number of class names, else the largest label + 1. Targets with several
    /// columns (already one-hot) are returned as they are.</summary>
    public Dataset<T> WithOneHotTargets(int? classes = null)
    {
        if (Y.Rank == 2 && Y.Dim(1) > 1) return this;
        var labels = Labels();
        int c = classes ?? ClassNames?.Count ?? (labels.Length == 0 ? 0 : labels.Max() + 1);
        return new(X, OneHot(labels, c), ClassNames, FeatureNames);
    }

    /// <summary>One-hot rows [m × classes]: row i has a 1 in column labels[i].</summary>
    public static Tensor<T> OneHot(ReadOnlySpan<int> labels, int classes)
    {
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "One-hot encoding needs at least one class.");
        var y = Tensor<T>.Zeros(labels.Length, classes);
        var s = y.AsSpan();
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes) throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"Label {labels[i]} at row {i} is outside 0..{classes - 1}.");
            s[i * classes + labels[i]] = T.One;
        }
        return y;
    }

    /// <summary>The same data in another element type (float ↔ double).</summary>
    public Dataset<TOther> Cast<TOther>() where TOther : unmanaged, IFloatingPointIeee754<TOther> =>
        new(X.Cast<TOther>(), Y.Cast<TOther>(), ClassNames, FeatureNames);
}
