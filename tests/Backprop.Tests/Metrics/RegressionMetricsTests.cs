using Backprop.Metrics;

namespace Backprop.Tests.Metrics;

public class RegressionMetricsTests
{
    [Fact]
    public void Mse_mae_and_r2_of_four_values_match_the_hand_computation()
    {
        // errors y − ŷ: 0.5, −0.5, 0, −1 → SS_res 1.5; ȳ = 2.875, SS_tot = 0.125² + 3.375² + 0.875² + 4.125² = 29.1875.
        var metrics = RegressionMetrics.Compute([2.5, 0.0, 2, 8], [3, -0.5, 2, 7]);

        Assert.Equal(0.375, metrics.Mse, 15);
        Assert.Equal(0.5, metrics.Mae, 15);
        Assert.Equal(1 - 1.5 / 29.1875, metrics.R2, 15);
        Assert.Equal(0.9486081370449679, metrics.R2, 12);
        Assert.Equal(Math.Sqrt(0.375), metrics.Rmse, 15);
    }

    [Fact]
    public void Predicting_the_mean_gives_r2_0_and_worse_than_the_mean_gives_negative_r2()
    {
        Assert.Equal(0, RegressionMetrics.Compute([2, 2, 2], [1, 2, 3]).R2, 15);
        // SS_res = 4 + 0 + 4 = 8, SS_tot = 2 → R² = 1 − 4 = −3.
        Assert.Equal(-3, RegressionMetrics.Compute([3, 2, 1], [1, 2, 3]).R2, 15);
    }

    [Fact]
    public void Constant_targets_give_r2_1_when_predicted_exactly_and_0_otherwise()
    {
        // SS_tot = 0 makes 1 − SS_res/SS_tot undefined; like scikit-learn's force_finite, a perfect fit scores 1, any miss 0.
        Assert.Equal(1, RegressionMetrics.Compute([4, 4, 4], [4, 4, 4]).R2);
        Assert.Equal(0, RegressionMetrics.Compute([4, 5, 4], [4, 4, 4]).R2);
    }

    [Fact]
    public void Several_outputs_average_r2_per_output_and_pool_mse_and_mae_over_all_entries()
    {
        // rows (y0, y1): (0.5, 1), (−1, 1), (7, −6); predictions (0, 2), (−1, 2), (8, −5).
        // output 0: SS_res 1.25, SS_tot 217/6; output 1: SS_res 3, SS_tot 294/9.
        var metrics = RegressionMetrics.Compute([0, 2, -1, 2, 8, -5], [0.5, 1, -1, 1, 7, -6], outputs: 2);

        Assert.Equal(4.25 / 6, metrics.Mse, 15);
        Assert.Equal(4.5 / 6, metrics.Mae, 15);
        Assert.Equal(((1 - 1.25 / (217.0 / 6)) + (1 - 3 / (294.0 / 9))) / 2, metrics.R2, 14);
    }

    [Fact]
    public void Bad_inputs_are_refused_with_a_message_that_names_the_problem()
    {
        Assert.Contains("2 predicted values but 3", Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute([1, 2], [1, 2, 3])).Message);
        Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute([], []));
        Assert.Contains("rows of 2", Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute([1, 2, 3], [1, 2, 3], 2)).Message);
    }
}
