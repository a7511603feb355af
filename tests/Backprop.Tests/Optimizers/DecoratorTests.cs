using Backprop.Layers;
using Backprop.Optimizers;
using Backprop.Tensors;
using static Backprop.Tests.Optimizers.OptimizerProblem;

namespace Backprop.Tests.Optimizers;

/// <summary>L2 regularisation, learning-rate schedules and the scheduling wrapper.</summary>
public class DecoratorTests
{
    [Fact]
    public void L2_adds_lambda_times_W_to_weight_gradients_before_the_inner_step_and_leaves_biases_alone()
    {
        const double lambda = 0.3;
        var parameters = Parameters<double>();
        Run(new L2Regularization(new Adam(0.01), lambda), parameters, 5);
        AssertEqual(ReferenceAdam(5, 0.01, 0.9, 0.999, 1e-8, lambda), parameters);

        // With plain gradient descent the effect is visible coordinate by coordinate.
        var gd = Parameters<double>();
        SetGradients(gd, 0);
        new L2Regularization(new GradientDescent(0.5), lambda).Step(gd);
        var initial = ReferenceValues();
        for (int i = 0; i < initial[0].Length; i++)
            Assert.Equal(initial[0][i] - 0.5 * (Gradient(0, i, 0) + lambda * initial[0][i]), gd[0].Value.AsReadOnlySpan()[i]);
        for (int i = 0; i < initial[1].Length; i++)
            Assert.Equal(initial[1][i] - 0.5 * Gradient(1, i, 0), gd[1].Value.AsReadOnlySpan()[i]);
    }

    [Fact]
    public void L2_from_the_course_divides_lambda_by_m_and_its_penalty_is_lambda_over_2m_times_the_squared_weights()
    {
        var l2 = L2Regularization.FromCourse(new GradientDescent(0.1), lambd: 0.7, examples: 10);
        Assert.Equal(0.7 / 10, l2.Lambda);
        var w = new Parameter<double>("W1", Tensor<double>.FromArray([1, 2, 3, 4], 2, 2));
        var b = new Parameter<double>("b1", Tensor<double>.FromArray([100, 100], 2), ParameterRole.Bias);
        Assert.Equal(0.7 / 10 / 2 * 30, l2.Penalty<double>([w, b]), 1e-15);
        Assert.Equal("gd", l2.Name);
        l2.LearningRate = 0.2;
        Assert.Equal(0.2, l2.Inner.LearningRate);
    }

    [Fact]
    public void Exponential_decay_multiplies_the_rate_by_the_decay_rate_each_epoch()
    {
        var schedule = new ExponentialDecay(0.1, 0.95);
        Assert.Equal(0.1, schedule.Rate(0));
        Assert.Equal(0.1 * Math.Pow(0.95, 3), schedule.Rate(3));
        Assert.True(schedule.Rate(1_000_000) > 0);
    }

    [Fact]
    public void Inverse_time_decay_is_the_courses_update_lr_and_with_an_interval_its_schedule_lr_decay()
    {
        // Course 2 week 2: update_lr(0.5, 2, 1) = 0.1666…; schedule_lr_decay(0.5, 100, 1, 1000) = 0.5 and (…, 1000, …) = 0.25.
        Assert.Equal(0.5 / 3, new InverseTimeDecay(0.5, 1).Rate(2));
        var fixedInterval = new InverseTimeDecay(0.5, 1, interval: 1000);
        Assert.Equal(0.5, fixedInterval.Rate(100));
        Assert.Equal(0.5, fixedInterval.Rate(999));
        Assert.Equal(0.25, fixedInterval.Rate(1000));
        Assert.Equal(0.5, new InverseTimeDecay(0.5, 0).Rate(7));
    }

    [Fact]
    public void A_scheduled_optimizer_sets_the_inner_rate_from_the_epoch_of_each_step()
    {
        var inner = new GradientDescent(123);
        var scheduled = new ScheduledOptimizer(inner, new InverseTimeDecay(1.0, 1.0), stepsPerEpoch: 2);
        var p = new Parameter<double>("b1", Tensor<double>.FromArray([0.0], 1));
        p.Gradient.AsSpan()[0] = 1;
        double[] expectedRates = [1, 1, 0.5, 0.5, 1.0 / 3];
        double position = 0;
        foreach (double rate in expectedRates)
        {
            Assert.Equal(rate, scheduled.LearningRate);
            scheduled.Step<double>([p]);
            Assert.Equal(rate, inner.LearningRate);
            position -= rate;
            Assert.Equal(position, p.Value.AsReadOnlySpan()[0]);
        }
        Assert.Equal(5, scheduled.Steps);
        Assert.Equal(2, scheduled.Epoch);
        Assert.Throws<NotSupportedException>(() => scheduled.LearningRate = 0.1);
    }

    [Theory]
    [InlineData("gd", typeof(GradientDescent))]
    [InlineData("sgd", typeof(GradientDescent))]
    [InlineData(" Momentum ", typeof(Momentum))]
    [InlineData("RMSProp", typeof(RmsProp))]
    [InlineData("adam", typeof(Adam))]
    public void Parse_finds_each_optimizer_by_name_with_the_given_learning_rate(string name, Type type)
    {
        var optimizer = Optimizer.Parse(name, 0.25);
        Assert.IsType(type, optimizer);
        Assert.Equal(0.25, optimizer.LearningRate);
        Assert.IsType(type, Optimizer.Parse(optimizer.Name, 0.25));
    }

    [Fact]
    public void Parse_rejects_an_unknown_name_and_lists_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => Optimizer.Parse("adagrad", 0.1));
        Assert.Contains("adagrad", e.Message);
        Assert.Contains("adam", e.Message);
    }

    public static TheoryData<string, Func<object>> InvalidSettings => new()
    {
        { "learningRate", () => new Momentum(0) },
        { "learningRate", () => new Momentum(double.PositiveInfinity) },
        { "beta", () => new Momentum(0.1, 1.0) },
        { "beta", () => new Momentum(0.1, -0.1) },
        { "learningRate", () => new RmsProp(-1) },
        { "beta", () => new RmsProp(0.1, double.NaN) },
        { "epsilon", () => new RmsProp(0.1, 0.9, 0) },
        { "learningRate", () => new Adam(double.NaN) },
        { "beta1", () => new Adam(0.1, beta1: 1) },
        { "beta2", () => new Adam(0.1, beta2: 1.5) },
        { "epsilon", () => new Adam(0.1, epsilon: -1e-8) },
        { "LearningRate", () => new Adam().LearningRate = 0 },
        { "lambda", () => new L2Regularization(new Adam(), -0.1) },
        { "lambd", () => L2Regularization.FromCourse(new Adam(), double.NaN, 10) },
        { "examples", () => L2Regularization.FromCourse(new Adam(), 0.1, 0) },
        { "initial", () => new ExponentialDecay(0, 0.9) },
        { "decayRate", () => new ExponentialDecay(0.1, 0) },
        { "decayRate", () => new InverseTimeDecay(0.1, -1) },
        { "interval", () => new InverseTimeDecay(0.1, 1, 0) },
        { "stepsPerEpoch", () => new ScheduledOptimizer(new Adam(), new ExponentialDecay(0.1, 0.9), 0) },
        { "epoch", () => new ExponentialDecay(0.1, 0.9).Rate(-1) },
        { "learningRate", () => Optimizer.Parse("adam", -0.1) },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Invalid_hyperparameters_throw_naming_the_argument(string argument, Func<object> create)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(create);
        Assert.Equal(argument, e.ParamName);
    }
}
