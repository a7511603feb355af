using Backprop.Optimizers;
using static Backprop.Tests.Optimizers.OptimizerProblem;

namespace Backprop.Tests.Optimizers;

/// <summary>Each update rule against its scalar double reference (written from the formula in
/// <see cref="OptimizerProblem"/>): bit for bit in double, within 1e-6 in float.</summary>
public class UpdateRuleTests
{
    private const int Steps = 7;

    [Theory]
    [InlineData(0.1, 0.9)]
    [InlineData(0.05, 0.0)]
    public void Momentum_matches_the_course_formula_exactly_in_double_and_closely_in_float(double alpha, double beta)
    {
        var expected = ReferenceMomentum(Steps, alpha, beta);
        var exact = Parameters<double>();
        Run(new Momentum(alpha, beta), exact, Steps);
        AssertEqual(expected, exact);
        var single = Parameters<float>();
        Run(new Momentum(alpha, beta), single, Steps);
        AssertClose(expected, single, 1e-6);
    }

    [Theory]
    [InlineData(0.01, 0.999, 1e-8)]
    [InlineData(0.02, 0.9, 1e-4)]
    public void RmsProp_matches_its_formula_exactly_in_double_and_closely_in_float(double alpha, double beta, double epsilon)
    {
        var expected = ReferenceRmsProp(Steps, alpha, beta, epsilon);
        var exact = Parameters<double>();
        Run(new RmsProp(alpha, beta, epsilon), exact, Steps);
        AssertEqual(expected, exact);
        var single = Parameters<float>();
        Run(new RmsProp(alpha, beta, epsilon), single, Steps);
        AssertClose(expected, single, 1e-6);
    }

    [Theory]
    [InlineData(0.01, 0.9, 0.999, 1e-8)]
    [InlineData(0.1, 0.5, 0.8, 1e-3)]
    public void Adam_matches_the_course_update_with_bias_correction_exactly_in_double_and_closely_in_float(
        double alpha, double beta1, double beta2, double epsilon)
    {
        var expected = ReferenceAdam(Steps, alpha, beta1, beta2, epsilon);
        var exact = Parameters<double>();
        var adam = new Adam(alpha, beta1, beta2, epsilon);
        Run(adam, exact, Steps);
        AssertEqual(expected, exact);
        Assert.Equal(Steps, adam.Steps);
        var single = Parameters<float>();
        Run(new Adam(alpha, beta1, beta2, epsilon), single, Steps);
        AssertClose(expected, single, 1e-6);
    }

    [Fact]
    public void Adams_first_step_moves_every_coordinate_by_the_learning_rate_in_the_direction_against_its_gradient()
    {
        const double alpha = 0.01;
        var parameters = Parameters<double>();
        var before = parameters.Select(p => p.Value.ToArray()).ToArray();
        Run(new Adam(alpha), parameters, 1);
        for (int p = 0; p < parameters.Count; p++)
            for (int i = 0; i < before[p].Length; i++)
            {
                double g = Gradient(p, i, 0), moved = parameters[p].Value.AsReadOnlySpan()[i] - before[p][i];
                // v̂ = g and ŝ = g², so the step is α·g/(|g| + ε) = α·sign(g) up to α·ε/|g|.
                Assert.True(Math.Abs(moved + alpha * Math.Sign(g)) <= 1e-9, $"p{p}[{i}]: g={g}, moved {moved}");
            }
    }

    [Fact]
    public void Gradient_descent_from_Parse_takes_the_plain_step()
    {
        var parameters = Parameters<double>();
        Run(Optimizer.Parse("SGD", 0.5), parameters, 1);
        var expected = ReferenceValues();
        for (int p = 0; p < expected.Length; p++)
            for (int i = 0; i < expected[p].Length; i++) expected[p][i] -= 0.5 * Gradient(p, i, 0);
        AssertEqual(expected, parameters);
    }

    [Fact]
    public void Parameters_of_every_length_from_0_to_40_are_updated_like_the_scalar_formula()
    {
        for (int n = 0; n <= 40; n++)
        {
            var p = new Backprop.Layers.Parameter<double>("W1", Backprop.Tensors.Tensor<double>.FromArray(
                Enumerable.Range(0, n).Select(i => 0.1 * i).ToArray(), n));
            for (int i = 0; i < n; i++) p.Gradient.AsSpan()[i] = Math.Sin(i);
            new Adam(0.1).Step([p]);
            for (int i = 0; i < n; i++)
            {
                double g = Math.Sin(i), v = (1 - 0.9) * g / (1 - Math.Pow(0.9, 1)), s = (1 - 0.999) * (g * g) / (1 - Math.Pow(0.999, 1));
                Assert.Equal(0.1 * i - 0.1 * v / (Math.Sqrt(s) + 1e-8), p.Value.AsReadOnlySpan()[i]);
            }
        }
    }

    public static TheoryData<string> AllOptimizers => ["momentum", "rmsprop", "adam", "l2+adam", "schedule+adam"];

    internal static IOptimizer Create(string kind) => kind switch
    {
        "l2+adam" => new L2Regularization(new Adam(0.01), 0.1),
        "schedule+adam" => new ScheduledOptimizer(new Adam(0.01), new ExponentialDecay(0.01, 0.9), stepsPerEpoch: 3),
        _ => Optimizer.Parse(kind, 0.01),
    };

    [Theory]
    [MemberData(nameof(AllOptimizers))]
    public void A_steady_state_step_allocates_nothing(string kind)
    {
        var optimizer = Create(kind);
        var exact = Parameters<double>();
        Run(optimizer, exact, 3);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 50; k++) optimizer.Step(exact);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
