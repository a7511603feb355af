using Backprop.Defaults;
using Backprop.Layers;
using Backprop.Tensors;
using Backprop.Tests.Ops;
using Op = Backprop.Ops.Op;

namespace Backprop.Tests.Layers;

/// <summary>The augmentation layers: the identity in evaluation, seeded and repeatable in training, forward values worked
/// out by hand, and gradients through the layer itself (its draw fixed by resetting the batch count) that pass the
/// course's check, difference &lt; 1e-7 in float64.</summary>
public class AugmentationTests
{
    private const double Threshold = 1e-7;

    public static TheoryData<string> Kinds => ["flip", "translation", "jitter"];

    private static Augmentation<double> Make(string kind, uint seed) => kind switch
    {
        "flip" => new RandomFlip<double>(seed),
        "translation" => new RandomTranslation<double>(0.25, seed),
        _ => new ColorJitter<double>(0.2, 0.3, seed),
    };

    private static Tensor<double> Images(int m = 6, int h = 8, int w = 8, int c = 3, uint seed = 1) =>
        Tensor<double>.RandomNormal(new Backprop.Randomness.NumpyRandom(seed), m, h, w, c);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void In_evaluation_an_augmentation_is_the_identity_and_draws_nothing(string kind)
    {
        var layer = Make(kind, 3);
        layer.Eval();
        var x = Images();
        Assert.Same(x, layer.Forward(x));
        Assert.Equal(0, layer.Batches);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void In_training_the_same_seed_gives_the_same_batches_and_each_batch_gets_fresh_choices(string kind)
    {
        var x = Images(m: 16);
        var a = Make(kind, 7);
        var b = Make(kind, 7);
        var first = a.Forward(x).ToArray();
        Assert.Equal(first, b.Forward(x).ToArray());
        Assert.NotEqual(x.ToArray(), first);
        var second = a.Forward(x).ToArray();
        Assert.NotEqual(first, second);
        Assert.Equal(2, a.Batches);
        a.Batches = 0; // a resumed run sets the count to its steps: batch 0 again
        Assert.Equal(first, a.Forward(x).ToArray());
        Assert.NotEqual(first, Make(kind, 8).Forward(x).ToArray());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_gradient_through_the_layer_with_its_draw_fixed_passes_the_gradient_check(string kind)
    {
        var layer = Make(kind, 11);
        var d = GradientCheck.RelativeDifference(t =>
        {
            layer.Batches = 5; // the same choices on every forward of the check
            return layer.Forward(t[0]);
        }, [Images(m: 4, h: 5, w: 4, c: 2)]);
        Assert.True(d < Threshold, $"{kind}: difference {d:E2}");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_batch_that_is_not_four_dimensional_is_refused_in_training(string kind) =>
        Assert.Contains("channels-last", Assert.Throws<ArgumentException>(() => Make(kind, 1).Forward(Tensor<double>.Ones(2, 3))).Message);

    [Fact]
    public void A_flip_mirrors_the_chosen_examples_left_to_right()
    {
        // (2, 1, 3, 2): example 0 flipped, example 1 kept; pixels keep their channels together.
        var x = Tensor<double>.FromArray([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 2, 1, 3, 2);
        Assert.Equal([5, 6, 3, 4, 1, 2, 7, 8, 9, 10, 11, 12], Op.FlipHorizontal(x, [true, false]).ToArray());
    }

    [Fact]
    public void A_translation_moves_the_content_down_and_right_for_positive_shifts_and_fills_zeros()
    {
        // One 3×3 greyscale image shifted one row down and one column left: Y[i, j] = X[i − 1, j + 1].
        var x = Tensor<double>.FromArray([1, 2, 3, 4, 5, 6, 7, 8, 9], 1, 3, 3, 1);
        Assert.Equal([0, 0, 0, 2, 3, 0, 5, 6, 0], Op.Translate(x, [1], [-1]).ToArray());
        Assert.Equal(new double[9], Op.Translate(x, [3], [0]).ToArray()); // shifted out entirely
    }

    [Fact]
    public void Color_jitter_scales_about_each_channels_mean_and_adds_the_brightness()
    {
        // Channel 0 = (1, 3), mean 2; channel 1 = (10, 30), mean 20. κ = 2, β = 0.5: 2(x − μ) + μ + 0.5.
        var x = Tensor<double>.FromArray([1, 10, 3, 30], 1, 1, 2, 2);
        Assert.Equal([0.5, 0.5, 4.5, 40.5], Op.ColorJitter(x, [0.5], [2.0]).ToArray());
    }

    [Fact]
    public void Flips_happen_about_half_the_time_and_shifts_stay_within_the_fraction_of_the_side()
    {
        var x = Tensor<double>.Zeros(2000, 1, 2, 1);
        for (int n = 0; n < 2000; n++) x[n, 0, 0, 0] = 1;
        var flipped = new RandomFlip<double>(5).Forward(x);
        int mirrored = Enumerable.Range(0, 2000).Count(n => flipped[n, 0, 1, 0] == 1);
        Assert.InRange(mirrored, 900, 1100);

        // 10 × 10 images, fraction 0.2: k = 2, so a single lit pixel at (5, 5) lands in rows and columns 3..7, all reached.
        var dot = Tensor<double>.Zeros(400, 10, 10, 1);
        for (int n = 0; n < 400; n++) dot[n, 5, 5, 0] = 1;
        var moved = new RandomTranslation<double>(0.2, 9).Forward(dot);
        var rows = new HashSet<int>();
        for (int n = 0; n < 400; n++)
            for (int i = 0; i < 10; i++)
                for (int j = 0; j < 10; j++)
                    if (moved[n, i, j, 0] == 1) { rows.Add(i); Assert.InRange(j, 3, 7); }
        Assert.Equal([3, 4, 5, 6, 7], rows.Order());
    }

    [Fact]
    public void Out_of_range_settings_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomTranslation<float>(1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomTranslation<float>(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ColorJitter<float>(-1, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ColorJitter<float>(0.1, 1.0));
        Assert.Throws<ArgumentException>(() => Op.FlipHorizontal(Images(m: 2), [true]));
    }

    [Fact]
    public void The_levels_build_flip_and_shift_for_light_and_add_color_jitter_for_full_each_with_its_own_seed()
    {
        Assert.Empty(ImageAugmentation.Layers<float>("none", 1));
        var light = ImageAugmentation.Layers<float>("light", 1);
        Assert.Equal(["RandomFlip(horizontal)", "RandomTranslation(0.1)"], light.Select(l => l.ToString()));
        var full = ImageAugmentation.Layers<float>(" Full ", 1);
        Assert.IsType<ColorJitter<float>>(full[2]);
        Assert.Equal([1u, 2u, 3u], full.Select(l => ((Augmentation<float>)l).Seed));
        Assert.Equal(TrainingDefaults.Augment.Shift, ((RandomTranslation<float>)full[1]).Fraction);
        Assert.Contains("none, light, full", Assert.Throws<ArgumentException>(() => ImageAugmentation.Layers<float>("heavy", 1)).Message);
    }

    [Fact]
    public void Batch_seeds_differ_for_neighbouring_batches_and_seeds()
    {
        var seeds = new HashSet<uint>();
        for (uint s = 0; s < 20; s++)
            for (long k = 0; k < 50; k++) seeds.Add(Augmentation<float>.BatchSeed(s, k));
        Assert.Equal(1000, seeds.Count);
    }
}
