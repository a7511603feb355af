using Backprop.Losses;
using Backprop.Models;
using Backprop.Tensors;
using static Backprop.Tests.Models.TestModels;

namespace Backprop.Tests.Models;

public class EvaluationTests
{
    [Fact]
    public void A_sigmoid_model_is_scored_with_its_cost_and_binary_metrics_against_0_1_labels()
    {
        // a = σ(2), σ(−2), 0.5 → ŷ = 1, 0, 0 against y = 1, 1, 0: TP 1, FN 1, TN 1.
        var result = Sigmoid().Evaluate(Rows(new double[,] { { 2, 0 }, { 0, 2 }, { 1, 1 } }), Rows(new double[,] { { 1 }, { 1 }, { 0 } }),
            Loss.BinaryCrossEntropy);

        double cost = -(Math.Log(Sigma(2)) + Math.Log(Sigma(-2)) + Math.Log(0.5)) / 3;
        Assert.Equal(cost, result.Loss, 14);
        Assert.Null(result.Regression);
        var c = result.Classification!;
        Assert.Equal(new int[,] { { 1, 0 }, { 1, 1 } }, c.ConfusionMatrix);
        Assert.Equal(2.0 / 3, c.Accuracy, 15);
        Assert.Equal(1, c.Precision, 15);
        Assert.Equal(0.5, c.Recall, 15);
        Assert.Equal(2.0 / 3, c.F1, 15);
    }

    [Fact]
    public void A_saturated_sigmoid_costs_a_finite_amount_instead_of_NaN()
    {
        // z = 100: a = σ(100) = 1 exactly in float64. The right answer (y = 1) adds 0, not 0·log 0 = NaN; the wrong one
        // (y = 0) adds 100, log(1 − a) clamped at −100 as in PyTorch's BCELoss: J = (0 + 100) / 2.
        var result = Sigmoid().Evaluate(Rows(new double[,] { { 100, 0 }, { 100, 0 } }), Rows(new double[,] { { 1 }, { 0 } }),
            Loss.BinaryCrossEntropy);

        Assert.Equal(50, result.Loss, 12);
    }

    [Fact]
    public void A_softmax_model_is_scored_against_one_hot_rows()
    {
        // Z rows (2,0,0), (0,3,0), (−1,−1,0) → ŷ = 0, 1, 2; y = 0, 2, 2.
        var y = Rows(new double[,] { { 1, 0, 0 }, { 0, 0, 1 }, { 0, 0, 1 } });
        var result = Softmax().Evaluate(Rows(new double[,] { { 2, 0 }, { 0, 3 }, { -1, -1 } }), y, Loss.SoftmaxCrossEntropy);

        double cost = -(Math.Log(Math.Exp(2) / (Math.Exp(2) + 2)) + Math.Log(1 / (Math.Exp(3) + 2)) + Math.Log(1 / (2 * Math.Exp(-1) + 1))) / 3;
        Assert.Equal(cost, result.Loss, 14);
        var c = result.Classification!;
        Assert.Equal(3, c.Classes);
        Assert.Equal(new int[,] { { 1, 0, 0 }, { 0, 0, 0 }, { 0, 1, 1 } }, c.ConfusionMatrix);
        Assert.Equal(2.0 / 3, c.Accuracy, 15);
        // class 0: P 1, R 1; class 1: P 0, R 0 (never actual, predicted once); class 2: P 1, R 1/2, F1 2/3.
        Assert.Equal(2.0 / 3, c.Precision, 15);
        Assert.Equal(0.5, c.Recall, 15);
        Assert.Equal((1 + 0 + 2.0 / 3) / 3, c.F1, 15);
    }

    [Fact]
    public void A_linear_model_is_scored_with_mse_mae_and_r2()
    {
        // ŷ = 3.5, 0.5, 0.5 against y = 3, 1, 0: errors ±0.5; ȳ = 4/3, SS_tot = 42/9, SS_res = 0.75.
        var result = Linear().Evaluate(Rows(new double[,] { { 1, 2 }, { 0, 0 }, { -1, 1 } }), Rows(new double[,] { { 3 }, { 1 }, { 0 } }),
            Loss.MeanSquaredError);

        Assert.Equal(0.25, result.Loss, 15);
        Assert.Null(result.Classification);
        var r = result.Regression!;
        Assert.Equal(0.25, r.Mse, 15);
        Assert.Equal(0.5, r.Mae, 15);
        Assert.Equal(1 - 0.75 / (42.0 / 9), r.R2, 14);
    }

    [Fact]
    public void Without_a_loss_the_output_activation_picks_its_natural_one()
    {
        var x = Rows(new double[,] { { 2, 0 }, { 0, 2 }, { 1, 1 } });
        var y = Rows(new double[,] { { 1 }, { 1 }, { 0 } });
        var model = Sigmoid();

        Assert.Equal(model.Evaluate(x, y, Loss.BinaryCrossEntropy).Loss, model.Evaluate(x, y).Loss);
        Assert.Equal(0.25, Linear().Evaluate(Rows(new double[,] { { 1, 2 }, { 0, 0 }, { -1, 1 } }), Rows(new double[,] { { 3 }, { 1 }, { 0 } })).Loss, 15);
    }

    [Fact]
    public void Evaluation_leaves_parameters_and_their_gradients_untouched()
    {
        var model = Sigmoid();
        foreach (var p in model.Parameters) p.Gradient.Fill(7);
        var before = model.Parameters.Select(p => p.Value.ToArray()).ToList();

        model.Evaluate(Rows(new double[,] { { 2, 0 } }), Rows(new double[,] { { 1 } }), Loss.BinaryCrossEntropy);

        for (int i = 0; i < model.Parameters.Count; i++)
        {
            Assert.Equal(before[i], model.Parameters[i].Value.ToArray());
            Assert.All(model.Parameters[i].Gradient.ToArray(), g => Assert.Equal(7, g));
        }
    }

    [Fact]
    public void Labels_other_than_0_and_1_for_a_sigmoid_output_are_refused_with_the_offending_entry()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Sigmoid().Evaluate(Rows(new double[,] { { 2, 0 }, { 0, 2 } }), Rows(new double[,] { { 1 }, { 0.7 } }), Loss.BinaryCrossEntropy));
        Assert.Contains("Y[1, 0]", error.Message);
    }

    [Fact]
    public void Mismatched_shapes_and_a_loss_that_does_not_fit_the_output_are_refused()
    {
        var x = Rows(new double[,] { { 2, 0 }, { 0, 2 } });
        Assert.Throws<ArgumentException>(() => Sigmoid().Evaluate(x, Rows(new double[,] { { 1 } }), Loss.BinaryCrossEntropy));
        Assert.Throws<ArgumentException>(() => Sigmoid().Evaluate(x, Tensor<double>.Zeros(2, 1), Loss.SoftmaxCrossEntropy));
    }

    [Fact]
    public void A_float_model_is_evaluated_in_double_metrics()
    {
        var dense = new Backprop.Layers.Dense<float>(2, 1, Backprop.Ops.Activations.Activation.Sigmoid);
        dense.Weight.Value.CopyFrom(Tensor<float>.FromRows(new float[,] { { 1, -1 } }));
        var model = new Sequential<float>(dense);

        var result = model.Evaluate(Tensor<float>.FromRows(new float[,] { { 2, 0 }, { 0, 2 } }), Tensor<float>.FromRows(new float[,] { { 1 }, { 0 } }));

        Assert.Equal(1, result.Classification!.Accuracy);
        Assert.Equal(-Math.Log(Sigma(2)), result.Loss, 6);
    }
}
