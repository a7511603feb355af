using Backprop.Data;
using Backprop.Initializers;
using Backprop.Ops.Activations;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Training;

namespace Backprop.Tests.BeyondTheCourse;

/// <summary>California housing with no preparation by hand: 207 empty total_bedrooms imputed, ocean_proximity one-hot,
/// features and target standardised on the training split; an MLP with a linear output reaches R² ≥ 0.75 on the held-out 20 %.</summary>
[Collection("Course runs")]
public class HousingTests
{
    [SkippableFact]
    public void A_regression_mlp_explains_at_least_75_percent_of_the_variance_of_held_out_house_prices()
    {
        var data = CsvTable.Load<float>(TestData.Dataset("housing", "housing.csv"), "median_house_value", new TableOptions { TestFraction = 0.2, Seed = 1 });
        Assert.Equal(TargetKind.Regression, data.Preprocessor.Target.Kind);
        Assert.Contains(data.Imputed, c => c.Column == "total_bedrooms" && c.Cells == 207);
        Assert.Equal(13, data.Train.FeatureCount); // 8 numeric + 5 ocean_proximity categories
        var model = Sequential<float>.FromLayerDims([13, 64, 32, 1], Activation.Relu, Activation.Linear);
        model.Initialize(Initializer.He, new NumpyRandom(1));
        model.Fit(data.Train.X, data.Train.Y, Loss.MeanSquaredError, new Adam(0.003), TrainingOptions.MiniBatch(30, 64, new NumpyRandom(2)));
        var r2 = model.Evaluate(data.Test.X, data.Test.Y, Loss.MeanSquaredError).Regression!.R2;
        Assert.True(r2 >= 0.75, $"held-out R² {r2:F4} < 0.75");
    }
}
