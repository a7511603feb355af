using Backprop.Autograd;
using Backprop.Initializers;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Ops;
using Backprop.Ops.Activations;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Training;
using Backprop.Tensors;

namespace Backprop.Tests.Layers;

/// <summary>Modules: parameters and children found in fields, named by path (the course's W1, b1 in a sequential network),
/// the training mode reaching every child, initialisation by role, and custom layers that write only their forward.</summary>
public class ModuleTests
{
    /// <summary>y = relu(x + B(relu(A(x)))): a residual block written as forward code only.</summary>
    internal sealed class Residual(int n) : Module<double>
    {
        private readonly Dense<double> _a = new(n, n, Activation.Relu), _b = new(n, n);

        public override Tensor<double> Forward(Tensor<double> x) => Op.Relu(Op.Add(x, _b.Forward(_a.Forward(x))));
    }

    [Fact]
    public void A_custom_module_finds_its_layers_in_its_fields_and_names_parameters_by_path()
    {
        var model = new Sequential<double>(new Dense<double>(3, 4, Activation.Relu), new Residual(4), new Dense<double>(4, 1, Activation.Sigmoid));

        Assert.Equal(["W1", "b1", "2.a.W", "2.a.b", "2.b.W", "2.b.b", "W3", "b3"], model.Parameters.Select(p => p.Name));
        Assert.Equal(3 * 4 + 4 + 2 * (16 + 4) + 4 + 1, model.ParameterCount);
        Assert.Same(Activation.Sigmoid, model.OutputActivation);
    }

    [Fact]
    public void Evaluation_mode_reaches_every_module_below_and_training_mode_comes_back()
    {
        var inner = new Dropout<double>(0.5);
        var model = new Sequential<double>(new Dense<double>(2, 2), new Sequential<double>(inner));

        model.Eval();
        Assert.False(inner.IsTraining);
        model.Train();
        Assert.True(inner.IsTraining);
    }

    [Fact]
    public void Initialize_draws_weights_and_sets_biases_shifts_and_scales_by_role()
    {
        var norm = new BatchNorm<double>(3);
        var model = new Sequential<double>(new Dense<double>(2, 3), norm);
        norm.Scale.Value.Fill(7);
        norm.Shift.Value.Fill(7);

        model.Initialize(Initializer.Course, new NumpyRandom(1));

        // The course's W1 = randn(3, 2) / √2 with seed(1), so the first entry is 1.6243453636632417 / √2.
        Assert.Equal(1.6243453636632417 / Math.Sqrt(2), model.Parameters[0].Value[0, 0], 15);
        Assert.All(model.Parameters[1].Value.ToArray(), v => Assert.Equal(0, v));
        Assert.All(norm.Scale.Value.ToArray(), v => Assert.Equal(1, v));
        Assert.All(norm.Shift.Value.ToArray(), v => Assert.Equal(0, v));
    }

    [Fact]
    public void A_custom_module_trains_end_to_end_and_its_gradients_pass_the_course_check()
    {
        var random = new NumpyRandom(4);
        var x = Tensor<double>.RandomNormal(random, 6, 3);
        var y = Tensor<double>.FromRows(new double[,] { { 1 }, { 0 }, { 1 }, { 1 }, { 0 }, { 0 } });
        var model = new Sequential<double>(new Dense<double>(3, 4, Activation.Tanh), new Residual(4), new Dense<double>(4, 1, Activation.Sigmoid));
        model.Initialize(Initializer.Xavier, new NumpyRandom(2));

        Assert.True(GradientChecker.Check(model, x, y, Loss.BinaryCrossEntropy).Difference < 1e-7);

        double before = model.Cost(x, y, Loss.BinaryCrossEntropy);
        model.Fit(x, y, Loss.BinaryCrossEntropy, new Adam(0.05), TrainingOptions.FullBatch(200));
        Assert.True(model.Cost(x, y, Loss.BinaryCrossEntropy) < before / 4);
    }

    [Fact]
    public void A_module_used_twice_in_one_graph_keeps_both_outputs_and_sums_both_gradients()
    {
        var shared = new Dense<double>(2, 2, Activation.Tanh);
        shared.Initialize(Initializer.Xavier, new NumpyRandom(3));
        var x = Tensor<double>.FromRows(new double[,] { { 0.5, -1 }, { 2, 0.25 } });

        shared.ZeroGrad();
        var once = shared.Forward(x);
        var twice = shared.Forward(once);
        Assert.NotSame(once, twice);
        var j = Op.Sum(Op.Multiply(twice, once));
        j.Backward();

        // The same function composed by hand from ops, which allocate fresh outputs each time.
        var w = shared.Weight.Value.Clone();
        var b = shared.Bias.Value.Clone();
        w.RequiresGrad = b.RequiresGrad = true;
        var h = Op.Tanh(Op.Linear(x, w, b));
        Op.Sum(Op.Multiply(Op.Tanh(Op.Linear(h, w, b)), h)).Backward();
        Assert.Equal(w.Grad!.ToArray(), shared.Weight.Gradient.ToArray());
        Assert.Equal(b.Grad!.ToArray(), shared.Bias.Gradient.ToArray());
    }
}
