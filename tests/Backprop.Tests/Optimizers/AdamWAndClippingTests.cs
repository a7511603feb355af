using Backprop.Layers;
using Backprop.Optimizers;
using Backprop.Tensors;

namespace Backprop.Tests.Optimizers;

/// <summary>AdamW against PyTorch's torch.optim.AdamW (literals from tests/fixtures/optimizers/adamw_torch.py), clipping
/// by global norm, and the warm-up cosine schedule against its formula.</summary>
public class AdamWAndClippingTests
{
    private static readonly double[][] GradientsW =
    [
        [0.1, -0.2, 0.3, -0.4, 0.5, -0.6],
        [1.0, 0.0, -1.0, 2.0, -2.0, 0.5],
        [-0.05, 0.15, 0.25, 0.35, -0.45, 0.55],
    ];
    private static readonly double[][] GradientsB = [[0.7, -0.8, 0.9], [-0.3, 0.2, -0.1], [0.01, 0.02, -0.03]];

    private static (Parameter<double> W, Parameter<double> B) Start() =>
        (new Parameter<double>("W", Tensor<double>.FromArray([0.5, -1.0, 2.0, 0.25, 0.0, -3.0], 2, 3)),
         new Parameter<double>("b", Tensor<double>.FromArray([1.0, -0.5, 0.125], 3), ParameterRole.Bias));

    private static void Steps(IOptimizer optimizer, Parameter<double> w, Parameter<double> b, int count)
    {
        for (int t = 0; t < count; t++)
        {
            GradientsW[t].CopyTo(w.Gradient.AsSpan());
            GradientsB[t].CopyTo(b.Gradient.AsSpan());
            optimizer.Step<double>([w, b]);
        }
    }

    [Fact]
    public void AdamW_decays_weights_apart_from_the_gradient_as_PyTorch_does()
    {
        var (w, b) = Start();
        Steps(new AdamW(0.1, weightDecay: 0.5), w, b, 3);
        double[] torchW = [0.20262909552085154, -0.70040120646905013, 1.6981624738508905, 0.19135447922785598, 0.018786915021550742, -2.5126449540617637];
        double[] torchB = [0.84196927706231528, -0.31832424850501928, -0.07635503017456155];
        for (int i = 0; i < torchW.Length; i++) Assert.Equal(torchW[i], w.Value.AsReadOnlySpan()[i], 1e-14);
        for (int i = 0; i < torchB.Length; i++) Assert.Equal(torchB[i], b.Value.AsReadOnlySpan()[i], 1e-14);
    }

    [Fact]
    public void AdamW_without_decay_is_Adam_bit_for_bit_and_its_state_round_trips()
    {
        var (w1, b1) = Start();
        var (w2, b2) = Start();
        Steps(new AdamW(0.1, weightDecay: 0), w1, b1, 3);
        Steps(new Adam(0.1), w2, b2, 3);
        Assert.Equal(w2.Value.ToArray(), w1.Value.ToArray());
        Assert.Equal(b2.Value.ToArray(), b1.Value.ToArray());

        // Two steps, export, import into a fresh optimiser, one more step: the same as three steps straight.
        var (w3, b3) = Start();
        var first = new AdamW(0.1, 0.5);
        Steps(first, w3, b3, 2);
        var state = first.ExportState<double>([w3, b3]);
        Assert.Equal("adamw", state.Optimizer);
        var resumed = new AdamW(0.1, 0.5);
        resumed.ImportState<double>([w3, b3], state);
        GradientsW[2].CopyTo(w3.Gradient.AsSpan());
        GradientsB[2].CopyTo(b3.Gradient.AsSpan());
        resumed.Step<double>([w3, b3]);
        var (w4, b4) = Start();
        Steps(new AdamW(0.1, 0.5), w4, b4, 3);
        Assert.Equal(w4.Value.ToArray(), w3.Value.ToArray());
        Assert.Throws<ArgumentException>(() => new Adam(0.1).ImportState<double>([w3, b3], state));
        Assert.IsType<AdamW>(Optimizer.Parse("AdamW"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW(0.1, weightDecay: -1));
    }

    [Fact]
    public void Clipping_scales_every_gradient_by_c_over_the_global_norm_only_above_c()
    {
        var (w, b) = Start();
        // ‖g‖ over both parameters: √(0.91 + 1.94) = √2.85.
        GradientsW[0].CopyTo(w.Gradient.AsSpan());
        GradientsB[0].CopyTo(b.Gradient.AsSpan());
        var clip = new ClipByGlobalNorm(new GradientDescent(1.0), maxNorm: 1.0);
        var before = w.Value.ToArray();
        clip.Step<double>([w, b]);
        Assert.Equal(Math.Sqrt(2.85), clip.LastNorm, 1e-15);
        for (int i = 0; i < before.Length; i++)
            Assert.Equal(before[i] - GradientsW[0][i] / Math.Sqrt(2.85), w.Value.AsReadOnlySpan()[i], 1e-15);

        // Below the bound nothing changes: the step is plain gradient descent.
        var (w2, b2) = Start();
        GradientsW[0].CopyTo(w2.Gradient.AsSpan());
        GradientsB[0].CopyTo(b2.Gradient.AsSpan());
        new ClipByGlobalNorm(new GradientDescent(1.0), maxNorm: 10).Step<double>([w2, b2]);
        for (int i = 0; i < before.Length; i++) Assert.Equal(before[i] - GradientsW[0][i], w2.Value.AsReadOnlySpan()[i]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClipByGlobalNorm(new GradientDescent(1.0), 0));
    }

    [Fact]
    public void Warmup_cosine_rises_linearly_then_follows_half_a_cosine_down_to_its_floor()
    {
        var schedule = new WarmupCosineDecay(peak: 1.0, warmup: 4, total: 14);
        Assert.Equal(0.25, schedule.Rate(0));
        Assert.Equal(1.0, schedule.Rate(3));
        Assert.Equal(1.0, schedule.Rate(4));
        Assert.Equal(0.1 + 0.45 * (1 + Math.Cos(Math.PI * 0.5)), schedule.Rate(9), 1e-15);   // half way: (α_max + α_min)/2
        Assert.Equal(0.55, schedule.Rate(9), 1e-15);
        Assert.Equal(0.1, schedule.Rate(14));
        Assert.Equal(0.1, schedule.Rate(1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WarmupCosineDecay(1.0, 5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WarmupCosineDecay(1.0, 0, 5, minimum: 2.0));
    }
}
