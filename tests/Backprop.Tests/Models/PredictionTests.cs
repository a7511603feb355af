using Backprop.Models;
using static Backprop.Tests.Models.TestModels;

namespace Backprop.Tests.Models;

public class PredictionTests
{
    private static readonly double[,] SigmoidInputs = { { 2, 0 }, { 0, 2 }, { 1, 1 } }; // z = 2, −2, 0

    [Fact]
    public void Sigmoid_probabilities_are_sigma_of_z_per_example()
    {
        var p = Sigmoid().PredictProbabilities(Rows(SigmoidInputs));

        Assert.Equal([3, 1], p.Shape.ToArray());
        Assert.Equal(Sigma(2), p[0, 0], 15);
        Assert.Equal(Sigma(-2), p[1, 0], 15);
        Assert.Equal(0.5, p[2, 0], 15);
    }

    [Fact]
    public void Sigmoid_labels_need_a_strictly_greater_probability_than_the_threshold_as_in_the_course()
    {
        var model = Sigmoid();
        var x = Rows(SigmoidInputs);

        Assert.Equal([1, 0, 0], model.PredictLabels(x)); // a = 0.5 exactly is not > 0.5
        Assert.Equal([1, 1, 1], model.PredictLabels(x, threshold: 0.1));
        Assert.Equal([0, 0, 0], model.PredictLabels(x, threshold: 0.9));
    }

    [Fact]
    public void Softmax_labels_are_the_argmax_of_each_row_and_probabilities_sum_to_1()
    {
        var model = Softmax();
        var x = Rows(new double[,] { { 2, 0 }, { 0, 3 }, { -1, -1 } }); // Z rows (2,0,0), (0,3,0), (−1,−1,0)

        Assert.Equal([0, 1, 2], model.PredictLabels(x));
        var p = model.PredictProbabilities(x);
        for (int i = 0; i < 3; i++) Assert.Equal(1, p[i, 0] + p[i, 1] + p[i, 2], 14);
        Assert.Equal(Math.Exp(2) / (Math.Exp(2) + 2), p[0, 0], 15);
    }

    [Fact]
    public void Ties_in_a_row_go_to_the_first_maximum_like_numpy_argmax()
    {
        var model = Softmax();
        // Z rows (0, 0, 0) and (3, 3, 0): the maximum is shared by columns 0 and 1 (and 2 in the first row).
        Assert.Equal([0, 0], model.PredictLabels(Rows(new double[,] { { 0, 0 }, { 3, 3 } })));
    }

    [Fact]
    public void Predictions_are_copies_that_a_later_forward_pass_does_not_overwrite()
    {
        var model = Sigmoid();
        var first = model.PredictProbabilities(Rows(SigmoidInputs));
        var values = model.PredictValues(Rows(SigmoidInputs));

        model.Forward(Rows(new double[,] { { -5, 5 }, { -5, 5 }, { -5, 5 } }));

        Assert.Equal(Sigma(2), first[0, 0], 15);
        Assert.Equal(Sigma(2), values[0, 0], 15);
    }

    [Fact]
    public void Regression_values_are_the_linear_output()
    {
        var v = Linear().PredictValues(Rows(new double[,] { { 1, 2 }, { 0, 0 }, { -1, 1 } }));

        Assert.Equal([3.5, 0.5, 0.5], v.ToArray());
    }

    [Fact]
    public void Labels_and_probabilities_from_a_regression_output_are_refused_with_a_pointer_to_PredictValues()
    {
        var model = Linear();
        var x = Rows(new double[,] { { 1, 2 } });

        Assert.Contains("PredictValues", Assert.Throws<InvalidOperationException>(() => model.PredictLabels(x)).Message);
        Assert.Contains("PredictValues", Assert.Throws<InvalidOperationException>(() => model.PredictProbabilities(x)).Message);
    }

    [Fact]
    public void Input_of_the_wrong_width_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Sigmoid().PredictLabels(Rows(new double[,] { { 1, 2, 3 } })));
    }
}
