using Backprop.Layers;
using Backprop.Ops.Activations;
using Backprop.Autograd;
using Backprop.Losses;
using Backprop.Ops;
using Backprop.Models;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Tests.Models;

/// <summary>The course's gradient checking assignment (Course 2 Week 1, COURSE_REFERENCE.md §6) and the checker on
/// other networks.</summary>
public class GradientCheckerTests
{
    [Theory]
    [InlineData(2.0, 2.919335883291695e-10)] // 2017/2019 notebook
    [InlineData(3.0, 7.814075313343006e-11)] // 2021+ notebook
    public void The_one_dimensional_check_of_J_equals_theta_x_reproduces_the_course_difference(double x, double expected)
    {
        double theta = 4;
        double gradapprox = GradientChecker.CentralDifference(t => t * x, theta);

        Assert.Equal(expected, GradientChecker.Difference(x, gradapprox));
    }

    [Fact]
    public void A_convolution_before_the_augmentation_layers_in_training_mode_passes_with_the_draws_held_fixed()
    {
        var random = new NumpyRandom(4);
        var flip = new RandomFlip<double>(1);
        var model = new Sequential<double>(new Reshape<double>(5, 5, 2),
            new Conv2D<double>(2, 3, 3, 1, Backprop.Ops.Convolution.Padding2D.Same, Activation.Tanh),
            flip, new RandomTranslation<double>(0.3, 2), new ColorJitter<double>(0.3, 0.4, 3), new Flatten<double>(),
            new Dense<double>(75, 1, Activation.Sigmoid));
        model.Initialize(Backprop.Initializers.Initializer.Xavier, random);
        var x = Tensor<double>.RandomNormal(random, 4, 50);
        var y = Tensor<double>.FromArray([1, 0, 0, 1], 4, 1);

        var result = GradientChecker.Check(model, x, y, Loss.BinaryCrossEntropy);

        Assert.True(model.IsTraining);
        Assert.True(result.Difference < 1e-7, $"difference {result.Difference:E2}");
        Assert.Equal(1, flip.Batches); // one batch drawn, as one training step would
    }

    [Fact]
    public void The_course_network_with_correct_backprop_passes_far_below_the_course_threshold()
    {
        var (model, x, y) = CourseNetwork();

        var result = GradientChecker.Check(model, x, y, Loss.BinaryCrossEntropy);

        // With correct backprop the central-difference truncation error is O(ε²) ≈ 1e-14, so the difference is rounding
        // noise in J(θ ± ε) divided by 2ε. The course's 1.189e-7 comes from its cost formula: a3 = 0.99887 for the third
        // example (y = 0), and log(1 − a3) loses three digits to cancellation. Our binary cross-entropy is computed from the
        // logits, (1 − y)z − log σ(z), whose noise is about one ulp of J ≈ 2.4 (4e-16 / 2e-7 ≈ 2e-9 per entry), giving
        // 9.59e-10 here. The bound 1e-8 leaves a 10× margin for summation-order changes and still proves the stable
        // cost is 10× cleaner than the course's; the next test reproduces the course's own number with its formula.
        Assert.InRange(result.Difference, 0, 1e-8);
        Assert.True(result.Passes());
        Assert.Equal(47, result.Gradient.Length);
        Assert.Equal(["W1", "b1", "W2", "b2", "W3", "b3"], result.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void The_course_network_with_the_course_cost_formula_reproduces_the_published_differences()
    {
        var (model, x, y) = CourseNetwork();
        var (buggy, bx, by) = CourseNetwork(weightScale2: 2, biasScale1: 4);

        var correct = GradientChecker.Check(model, x, y, new CourseCrossEntropy());
        var wrong = GradientChecker.Check(buggy, bx, by, new CourseCrossEntropy());

        // Published 1.1890913023330276e-07; NumPy reproduced 1.1862497510584621e-07 and we get 1.19099e-07. The value is
        // rounding noise, so its third digit depends on how each dot product is summed (BLAS vs our GEMM, vector width);
        // ±0.05e-7 (4 %) holds both reproductions with room for another machine's summation order.
        Assert.Equal(1.1890913023330276e-07, correct.Difference, 0.05e-7);
        // Published 0.2850931567761623, we get 0.28509315672063884 (1.9e-10 relative); the noise above moves it ~1e-8.
        Assert.Equal(0.2850931567761623, wrong.Difference, 0.2850931567761623 * 1e-7);
    }

    [Fact]
    public void The_course_network_has_the_course_cost_at_its_drawn_parameters()
    {
        var (model, x, y) = CourseNetwork();

        Assert.Equal(2.407833389834357, model.Cost(x, y, Loss.BinaryCrossEntropy), 13);
    }

    [Fact]
    public void The_course_bugs_dW2_times_2_and_db1_times_4_give_the_course_difference_and_are_located_by_parameter()
    {
        var (model, x, y) = CourseNetwork(weightScale2: 2, biasScale1: 4);

        var result = GradientChecker.Check(model, x, y, Loss.BinaryCrossEntropy);

        // Published 0.2850931567761623 (NumPy reproduction 0.285093156839953), ours 0.2850931489574405 (2.7e-8 relative):
        // the bug dominates; only the course cost formula's rounding noise (see above) separates the two.
        Assert.Equal(0.2850931567761623, result.Difference, 0.2850931567761623 * 1e-6);
        Assert.False(result.Passes());
        var byName = result.Parameters.ToDictionary(p => p.Name);
        Assert.True(byName["W2"].Difference > 0.3, byName["W2"].ToString()); // 2g vs g: |2 − 1| / (2 + 1) = 1/3
        Assert.True(byName["b1"].Difference > 0.5, byName["b1"].ToString()); // 4g vs g: 3/5
        foreach (var name in new[] { "W1", "b2", "W3", "b3" })
            Assert.True(byName[name].Difference < 1e-6, byName[name].ToString());
    }

    [Fact]
    public void Every_parameter_is_restored_to_its_exact_value_after_the_check()
    {
        var (model, x, y) = CourseNetwork();
        var before = model.Parameters.Select(p => p.Value.ToArray()).ToList();

        var result = GradientChecker.Check(model, x, y, Loss.BinaryCrossEntropy);

        for (int i = 0; i < before.Count; i++) Assert.Equal(before[i], model.Parameters[i].Value.ToArray());
        Assert.Equal(result.Gradient.Take(20), model.Parameters[0].Gradient.ToArray()); // W1's backprop gradient is left in place
    }

    public static TheoryData<string, string[], string> SmallNetworks => new()
    {
        { "tanh → sigmoid, binary cross-entropy", ["tanh", "sigmoid"], "bce" },
        { "leaky-relu → softmax, softmax cross-entropy", ["leaky-relu", "softmax"], "ce" },
        { "sigmoid → linear, mse", ["sigmoid", "linear"], "mse" },
        { "tanh → leaky-relu → tanh, mse", ["tanh", "leaky-relu", "tanh"], "mse" },
        { "leaky-relu → tanh → sigmoid, mse", ["leaky-relu", "tanh", "sigmoid"], "mse" },
    };

    [Theory]
    [MemberData(nameof(SmallNetworks))]
    public void Small_random_networks_with_their_losses_pass_the_check_below_1e_minus_7(string network, string[] activations, string lossName)
    {
        var random = new NumpyRandom(3);
        int m = 5, n0 = 3, outputs = lossName == "bce" ? 1 : 3;
        int[] dims = [n0, .. Enumerable.Repeat(4, activations.Length - 1), outputs];
        var layers = new Module<double>[activations.Length];
        for (int l = 0; l < layers.Length; l++) layers[l] = new Dense<double>(dims[l], dims[l + 1], Activation.Parse(activations[l]));
        var model = new Sequential<double>(layers);
        foreach (var p in model.Parameters)
        {
            random.FillGaussian(p.Value.AsSpan());
            foreach (ref var v in p.Value.AsSpan()) v *= 0.8;
        }
        var x = Tensor<double>.RandomNormal(random, m, n0);
        var y = Tensor<double>.Zeros(m, outputs);
        for (int i = 0; i < m; i++)
            if (lossName == "ce") y[i, i % outputs] = 1;
            else if (lossName == "bce") y[i, 0] = i % 2;
            else for (int j = 0; j < outputs; j++) y[i, j] = random.NextGaussian() * 0.5;

        var result = GradientChecker.Check(model, x, y, Loss.Parse(lossName));

        Assert.True(result.Difference < 1e-7, $"{network}: {result}");
    }

    [Fact]
    public void A_loss_that_does_not_fit_the_output_is_refused_before_any_work()
    {
        var (model, x, y) = CourseNetwork();
        Assert.Throws<ArgumentException>(() => GradientChecker.Check(model, x, y, Loss.SoftmaxCrossEntropy));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientChecker.Check(model, x, y, Loss.BinaryCrossEntropy, epsilon: 0));
    }

    [Fact]
    public void Two_zero_gradients_agree_with_difference_0()
    {
        Assert.Equal(0, GradientChecker.Difference(0.0, 0.0));
        Assert.Equal(1, GradientChecker.Difference(1.0, -1.0));
    }

    /// <summary>The course's test network LINEAR→RELU→LINEAR→RELU→LINEAR→SIGMOID with seed(1): X = randn(4,3), Y = [1,1,0],
    /// then W1, b1, W2, b2, W3, b3 drawn in that order. The course's X has examples as columns, so ours is its transpose;
    /// W keeps the course's shape and b (n, 1) becomes a vector. Layers 1 and 2 can scale their stored gradients after
    /// backward, which is exactly the course's deliberate bug (dA_prev is computed from the unscaled dZ).</summary>
    private static (Sequential<double> Model, Tensor<double> X, Tensor<double> Y) CourseNetwork(double weightScale2 = 1, double biasScale1 = 1)
    {
        var random = new NumpyRandom(1);
        var courseX = Tensor<double>.RandomNormal(random, 4, 3);
        Assert.Equal(1.6243453636632417, courseX[0, 0]);
        var x = Tensor<double>.Zeros(3, 4);
        for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) x[i, j] = courseX[j, i];
        var y = Tensor<double>.FromRows(new double[,] { { 1 }, { 1 }, { 0 } });

        var dense1 = new Dense<double>(4, 5, Activation.Relu);
        var dense2 = new Dense<double>(5, 3, Activation.Relu);
        var dense3 = new Dense<double>(3, 1, Activation.Sigmoid);
        foreach (var dense in new[] { dense1, dense2, dense3 })
        {
            random.FillGaussian(dense.Weight.Value.AsSpan());
            random.FillGaussian(dense.Bias.Value.AsSpan());
        }
        Assert.Equal(0.2855873252542588, dense3.Bias.Value[0]);
        var model = new Sequential<double>(
            new ScaledGradients(dense1, 1, biasScale1), new ScaledGradients(dense2, weightScale2, 1), dense3);
        return (model, x, y);
    }

    /// <summary>A test-only layer that computes its dense layer's forward but multiplies dW and db by constants on the way
    /// back (an identity op on W and b whose backward scales): the course's deliberate bug, with dA_prev from the true dZ.</summary>
    private sealed class ScaledGradients(Dense<double> inner, double weightScale, double biasScale) : Module<double>
    {
        private readonly Parameter<double> _weight = inner.Weight, _bias = inner.Bias;
        private readonly IActivation _activation = inner.Activation;
        private readonly double _weightScale = weightScale, _biasScale = biasScale;

        public override IActivation? OutputActivation => _activation;

        public override Tensor<double> Forward(Tensor<double> input) =>
            Op.Activate(Op.Linear(input, ScaledGradient(_weight.Value, _weightScale), ScaledGradient(_bias.Value, _biasScale)), _activation);

        private static Tensor<double> ScaledGradient(Tensor<double> x, double scale) => Graph.Record(x.Clone(), x, dy => dy * scale);
    }

    /// <summary>The course's cost as its notebook writes it, (1/m) Σ [−y log a − (1 − y) log(1 − a)], from A rather than Z.</summary>
    private sealed class CourseCrossEntropy : ILoss
    {
        public string Name => "course-cross-entropy";

        public Tensor<T> Compute<T>(Tensor<T> a, Tensor<T> y) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            var one = Tensor<T>.Scalar(T.One);
            return Op.Mean(Op.Add(Op.Multiply(Op.Negate(Op.Log(a)), y), Op.Multiply(Op.Negate(Op.Log(Op.Subtract(one, a))), Op.Subtract(one, y))));
        }
    }
}
