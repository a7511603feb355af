using System.Diagnostics;
using Backprop.Cli.Playground;
using Xunit.Abstractions;

namespace Backprop.Tests.Playground;

public class PlaygroundNetworkTests(ITestOutputHelper output)
{
    [Fact]
    public void A_4_2_tanh_network_learns_the_circle_to_a_test_cost_below_0_2()
    {
        var network = new PlaygroundNetwork(new PlaygroundSettings(), DataSource.Toy("circle", 0, 1));
        double before = network.Costs().Test;
        for (int e = 0; e < 150; e++) network.RunEpoch();
        double after = network.Costs().Test;
        output.WriteLine($"test cost {before:F3} → {after:F3} after 150 epochs");
        Assert.True(after < 0.2, $"test cost {after}");
    }

    [Fact]
    public void The_same_seed_gives_the_same_training()
    {
        double Run()
        {
            var network = new PlaygroundNetwork(new PlaygroundSettings { Seed = 7, Optimizer = "adam", LearningRate = 0.01 }, DataSource.Toy("xor", 10, 7));
            for (int e = 0; e < 5; e++) network.RunEpoch();
            return network.Costs().Train;
        }
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void No_hidden_layer_is_logistic_regression_with_one_weight_row()
    {
        var network = new PlaygroundNetwork(new PlaygroundSettings { Hidden = [], Dataset = "gauss" }, DataSource.Toy("gauss", 0, 1));
        network.RunEpoch();
        Assert.Equal(["W[1]: (1, 2)   b[1]: (1, 1)"], network.Shapes());
        var (map, layers) = network.Maps();
        Assert.Equal(100 * 100, map.Length);
        Assert.Equal(2, layers.Length);
    }

    [Fact]
    public void Regression_data_trains_a_linear_output_with_mean_squared_error()
    {
        var network = new PlaygroundNetwork(new PlaygroundSettings { Dataset = "plane", LearningRate = 0.01 }, DataSource.Toy("plane", 0, 1));
        for (int e = 0; e < 30; e++) network.RunEpoch();
        Assert.Equal("linear", network.Model.OutputActivation!.Name);
        Assert.True(network.Costs().Test < 0.05, $"{network.Costs().Test}");
    }

    /// <summary>The speed target, measured without the web server: one update = an epoch of mini-batch steps on 250
    /// of the 500 circle points, both costs, and every map (100×100 output, 25×25 per neuron).</summary>
    [Fact]
    public void An_update_of_a_4_2_network_on_500_points_is_timed_and_meets_30_per_second_when_asked()
    {
        var network = new PlaygroundNetwork(new PlaygroundSettings(), DataSource.Toy("circle", 0, 1));
        for (int i = 0; i < 10; i++) { network.RunEpoch(); network.Costs(); network.Maps(); }
        // The best of 5 rounds of 20 updates: the rate the code allows, less what other processes took.
        double perSecond = 0;
        for (int round = 0; round < 5; round++)
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < 20; i++) { network.RunEpoch(); network.Costs(); network.Maps(); }
            perSecond = Math.Max(perSecond, 20 / clock.Elapsed.TotalSeconds);
        }
        var part = Stopwatch.StartNew();
        for (int i = 0; i < 20; i++) network.RunEpoch();
        output.WriteLine($"epoch {part.Elapsed.TotalMilliseconds / 20:F2} ms");
        part.Restart();
        for (int i = 0; i < 20; i++) network.Costs();
        output.WriteLine($"costs {part.Elapsed.TotalMilliseconds / 20:F2} ms");
        part.Restart();
        for (int i = 0; i < 20; i++) { network.Costs(); network.Maps(); }
        output.WriteLine($"costs + maps {part.Elapsed.TotalMilliseconds / 20:F2} ms");
        output.WriteLine($"{perSecond:F0} updates/s on this machine (wall clock, shared with other tests)");
        // Wall-clock rates on a shared machine running other tests in parallel are noisy: the 30 updates/s is
        // asserted when BACKPROP_PLAYGROUND_SPEED=1 (a quiet machine); otherwise only a gross slowdown fails.
        double floor = Environment.GetEnvironmentVariable("BACKPROP_PLAYGROUND_SPEED") == "1" ? 30 : 3;
        Assert.True(perSecond >= floor, $"{perSecond:F1} updates/s");
    }
}
