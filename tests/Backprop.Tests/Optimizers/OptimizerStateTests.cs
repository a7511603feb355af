using Backprop.Optimizers;
using static Backprop.Tests.Optimizers.OptimizerProblem;

namespace Backprop.Tests.Optimizers;

/// <summary>Checkpoint state: export → import into a fresh optimiser → continue equals an uninterrupted run bit for bit.</summary>
public class OptimizerStateTests
{
    public static TheoryData<string> AllOptimizers => ["gd", "momentum", "rmsprop", "adam", "l2+adam", "schedule+adam"];

    private static IOptimizer Create(string kind) => kind == "gd" ? new GradientDescent(0.01) : UpdateRuleTests.Create(kind);

    [Theory]
    [MemberData(nameof(AllOptimizers))]
    public void Export_import_and_continue_equals_an_uninterrupted_run_bit_for_bit(string kind)
    {
        var straight = Parameters<double>();
        Run(Create(kind), straight, 8);

        var first = Parameters<double>();
        var before = Create(kind);
        Run(before, first, 5);
        var state = Optimizer.ExportState(before, first);

        var resumed = Parameters<double>();
        for (int p = 0; p < resumed.Count; p++) first[p].Value.AsReadOnlySpan().CopyTo(resumed[p].Value.AsSpan());
        var after = Create(kind);
        Optimizer.ImportState(after, resumed, state);
        Run(after, resumed, 3, firstStep: 5);

        for (int p = 0; p < straight.Count; p++)
            Assert.Equal(straight[p].Value.ToArray(), resumed[p].Value.ToArray());
    }

    [Fact]
    public void Float_state_round_trips_through_double_exactly()
    {
        var straight = Parameters<float>();
        Run(new Adam(0.01), straight, 6);
        var first = Parameters<float>();
        var before = new Adam(0.01);
        Run(before, first, 2);
        var after = new Adam(0.01);
        after.ImportState(first, before.ExportState(first));
        Run(after, first, 4, firstStep: 2);
        for (int p = 0; p < straight.Count; p++)
            Assert.Equal(straight[p].Value.ToArray(), first[p].Value.ToArray());
    }

    [Fact]
    public void Adam_state_names_its_arrays_v_then_s_in_parameter_order_and_carries_the_step_count()
    {
        var parameters = Parameters<double>();
        var adam = new Adam(0.01);
        Run(adam, parameters, 2);
        var state = adam.ExportState(parameters);
        Assert.Equal("adam", state.Optimizer);
        Assert.Equal(2, state.Steps);
        Assert.Equal(["v.W1", "v.b1", "s.W1", "s.b1"], state.Arrays.Select(a => a.Name));
        Assert.Equal([21, 3, 21, 3], state.Arrays.Select(a => a.Values.Length));
        double g = Gradient(0, 0, 0), h = Gradient(0, 0, 1);
        Assert.Equal(0.9 * (0.1 * g) + 0.1 * h, state.Arrays[0].Values[0], 1e-16);
    }

    [Fact]
    public void A_fresh_optimizer_exports_zeros_and_a_scheduled_one_nests_its_inner_state()
    {
        var parameters = Parameters<double>();
        var state = new Momentum(0.1).ExportState(parameters);
        Assert.All(state.Arrays, a => Assert.All(a.Values, v => Assert.Equal(0.0, v)));
        var scheduled = new ScheduledOptimizer(new RmsProp(0.1), new ExponentialDecay(0.1, 0.5), 2);
        Run(scheduled, parameters, 3);
        var nested = scheduled.ExportState(parameters);
        Assert.Equal(("schedule", 3), (nested.Optimizer, nested.Steps));
        Assert.Equal(("rmsprop", 3), (nested.Inner!.Optimizer, nested.Inner.Steps));
    }

    [Fact]
    public void Importing_state_of_another_optimizer_or_another_model_throws_and_changes_nothing()
    {
        var parameters = Parameters<double>();
        var adam = new Adam(0.01);
        Run(adam, parameters, 3);
        var good = adam.ExportState(parameters);

        Assert.Throws<ArgumentException>(() => new Momentum(0.1).ImportState(parameters, good));
        Assert.Throws<ArgumentException>(() => Optimizer.ImportState(new GradientDescent(0.1), parameters, good));
        Assert.Throws<ArgumentException>(() => adam.ImportState(parameters.Take(1).ToList(), good));
        var renamed = good with { Arrays = [.. good.Arrays.Select((a, i) => i == 1 ? a with { Name = "v.b9" } : a)] };
        Assert.Throws<ArgumentException>(() => adam.ImportState(parameters, renamed));
        var shortened = good with { Arrays = [.. good.Arrays.Select((a, i) => i == 3 ? a with { Values = [1.0] } : a)] };
        Assert.Throws<ArgumentException>(() => adam.ImportState(parameters, shortened));
        Assert.Throws<ArgumentException>(() => adam.ImportState(parameters, good with { Steps = -1 }));

        var unchanged = adam.ExportState(parameters);
        Assert.Equal(good.Steps, unchanged.Steps);
        for (int i = 0; i < good.Arrays.Count; i++) Assert.Equal(good.Arrays[i].Values, unchanged.Arrays[i].Values);
    }
}
