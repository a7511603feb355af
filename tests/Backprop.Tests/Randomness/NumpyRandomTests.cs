using Backprop.Randomness;

namespace Backprop.Tests.Randomness;

/// <summary>Bit-identity with numpy.random.RandomState (NumPy 1.24.2). The first literals are
/// data/course_reference/testcases.json, key numpy_legacy_rng; the rest were printed by NumPy with the
/// one-line program quoted above each.</summary>
public class NumpyRandomTests
{
    private static double[] Gaussians(NumpyRandom random, int count)
    {
        var values = new double[count];
        random.FillGaussian(values);
        return values;
    }

    [Fact]
    public void Seed_1_gives_NumPys_first_raw_MT19937_words()
    {
        var random = new NumpyRandom(1);
        uint[] expected = [1791095845, 4282876139, 3093770124, 4005303368, 491263, 550290313];
        Assert.Equal(expected, Enumerable.Range(0, 6).Select(_ => random.NextUInt32()).ToArray());
    }

    [Fact]
    public void Seed_1_key_starts_as_NumPys_state_key()
    {
        // np.random.RandomState(1).get_state()[1][:4] and [-1]
        var key = new NumpyRandom(1).SaveState().Key;
        Assert.Equal([1u, 1812433254u, 3713160357u, 3109174145u], key[..4]);
        Assert.Equal(2069268389u, key[^1]);
    }

    [Fact]
    public void Raw_words_continue_correctly_across_two_state_regenerations()
    {
        // np.random.seed(1); np.random.rand(624); np.random.randint(0, 2**32, size=2, dtype=np.uint32)
        var random = new NumpyRandom(1);
        for (int i = 0; i < 624 * 2; i++) random.NextUInt32();
        Assert.Equal(3239719367u, random.NextUInt32());
        Assert.Equal(3879348080u, random.NextUInt32());

        // np.random.seed(0); np.random.randint(0, 2**32, size=3, dtype=np.uint32)
        random.Seed(0);
        Assert.Equal([2357136044u, 2546248239u, 3071714933u], new[] { random.NextUInt32(), random.NextUInt32(), random.NextUInt32() });
    }

    [Fact]
    public void Seed_1_rand_gives_the_course_uniforms()
    {
        var random = new NumpyRandom(1);
        double[] expected = [0.417022004702574, 0.7203244934421581, 0.00011437481734488664, 0.30233257263183977, 0.14675589081711304, 0.0923385947687978];
        var actual = new double[6];
        random.FillUniform(actual);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(1u, new[] { 1.6243453636632417, -0.6117564136500754, -0.5281717522634557, -1.0729686221561705, 0.8654076293246785, -2.3015386968802827, 1.74481176421648, -0.7612069008951028, 0.31903909605709857, -0.2493703754774101, 1.462107937044974, -2.060140709497654 })]
    [InlineData(2u, new[] { -0.4167578474054706, -0.056266827226329474, -2.136196095668454, 1.6402708084049886, -1.7934355851948631, -0.841747365656204, 0.5028814171580428, -1.2452880866072316, -1.057952218862339, -0.9090076149268493, 0.5514540445464243, 2.2922080128149576 })]
    [InlineData(3u, new[] { 1.7886284734303186, 0.43650985051198943, 0.09649746807200862, -1.8634927033644908, -0.27738820251439905, -0.35475897926898675, -0.08274148148245977, -0.6270006768238473, -0.04381816897592824, -0.47721803035950267, -1.3138647533626822, 0.8846223804995846 })]
    [InlineData(6u, new[] { -0.3117836734875166, 0.7290039236125041, 0.217820788076002, -0.899091796547139, -2.486780651627865, 0.9132515212358882, 1.1270637259718324, -1.5140932286302158, 1.639291082937691, -0.429893603006348, 2.631280557263819, 0.6018222499558621 })]
    public void First_twelve_randn_draws_are_bit_identical_to_NumPy(uint seed, double[] expected)
    {
        Assert.Equal(expected, Gaussians(new NumpyRandom(seed), 12));
    }

    [Fact]
    public void Randn_2_by_3_fills_row_major_like_NumPy()
    {
        double[,] expected = { { 1.6243453636632417, -0.6117564136500754, -0.5281717522634557 }, { -1.0729686221561705, 0.8654076293246785, -2.3015386968802827 } };
        var actual = Gaussians(new NumpyRandom(1), 6);
        for (int r = 0; r < 2; r++)
            for (int c = 0; c < 3; c++)
                Assert.Equal(expected[r, c], actual[r * 3 + c]);
    }

    [Fact]
    public void Randn_after_a_thousand_draws_still_matches_NumPy()
    {
        // np.random.seed(3); np.random.randn(1000); np.random.randn(4)
        var random = new NumpyRandom(3);
        Gaussians(random, 1000);
        Assert.Equal([0.03468126349311669, 1.1320074094049648, -2.5567265322280974, -0.2689573102662727], Gaussians(random, 4));
    }

    [Fact]
    public void Seed_0_and_the_largest_seed_match_NumPy()
    {
        // np.random.seed(0); np.random.randn(5)
        Assert.Equal([1.764052345967664, 0.4001572083672233, 0.9787379841057392, 2.240893199201458, 1.8675579901499675], Gaussians(new NumpyRandom(0), 5));
        // np.random.seed(2**32 - 1); np.random.rand(3)
        var uniforms = new double[3];
        new NumpyRandom(uint.MaxValue).FillUniform(uniforms);
        Assert.Equal([0.0976320289940138, 0.9123828453026218, 0.78903530185164], uniforms);
    }

    [Fact]
    public void Rand_between_randn_calls_leaves_the_cached_normal_in_place()
    {
        // np.random.seed(5); [randn(), rand(), randn(), rand(), randn()]: the second randn is the cached half of the
        // first pair, drawn before the uniform in between.
        var random = new NumpyRandom(5);
        double[] actual = [random.NextGaussian(), random.NextDouble(), random.NextGaussian(), random.NextDouble(), random.NextGaussian()];
        Assert.Equal([0.44122748688504143, 0.20671915533942642, -0.33087015189408764, 0.9186109079379216, 2.43077118700778], actual);
    }

    [Fact]
    public void Reseeding_forgets_the_cached_normal()
    {
        // np.random.seed(7); randn(); np.random.seed(7); randn(3)
        var random = new NumpyRandom(7);
        Assert.Equal(1.690525703800356, random.NextGaussian());
        random.Seed(7);
        Assert.Equal([1.690525703800356, -0.4659373705408328, 0.0328201636785844], Gaussians(random, 3));
    }

    [Fact]
    public void Rand_after_700_draws_crosses_a_regeneration_like_NumPy()
    {
        // np.random.seed(1); np.random.rand(700); np.random.rand(2)
        var random = new NumpyRandom(1);
        var skipped = new double[700];
        random.FillUniform(skipped);
        Assert.Equal(0.417022004702574, skipped[0]);
        var next = new double[2];
        random.FillUniform(next);
        Assert.Equal([0.13835468979294652, 0.29014446310454167], next);
    }

    [Fact]
    public void Permutation_matches_NumPy()
    {
        // np.random.seed(1); np.random.permutation(10)
        Assert.Equal([2, 9, 6, 4, 0, 3, 1, 7, 8, 5], new NumpyRandom(1).Permutation(10));
        // np.random.seed(42); p = np.random.permutation(1000); p[:5], p[-5:]
        var p = new NumpyRandom(42).Permutation(1000);
        Assert.Equal([521, 737, 740, 660, 411], p[..5]);
        Assert.Equal([106, 270, 860, 435, 102], p[^5..]);
        Assert.Equal(Enumerable.Range(0, 1000), p.Order());
        Assert.Equal([0], new NumpyRandom(1).Permutation(1));
        Assert.Empty(new NumpyRandom(1).Permutation(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NumpyRandom(1).Permutation(-1));
    }

    [Fact]
    public void Shuffle_matches_NumPy()
    {
        // np.random.seed(0); a = np.arange(20); np.random.shuffle(a)
        var a = Enumerable.Range(0, 20).ToArray();
        new NumpyRandom(0).Shuffle<int>(a);
        Assert.Equal([18, 1, 19, 8, 10, 17, 6, 13, 4, 2, 5, 14, 9, 7, 16, 11, 3, 0, 15, 12], a);

        // The shuffle moves elements of any type the same way.
        var names = Enumerable.Range(0, 20).Select(i => $"row{i}").ToArray();
        new NumpyRandom(0).Shuffle<string>(names);
        Assert.Equal(a.Select(i => $"row{i}"), names);
    }

    [Fact]
    public void Restoring_a_saved_state_resumes_the_exact_sequence_including_the_cached_normal()
    {
        var random = new NumpyRandom(11);
        Gaussians(random, 3); // an odd count leaves a cached normal behind
        var state = random.SaveState();
        Assert.True(state.HasCachedNormal);
        double[] expected = [.. Gaussians(random, 5), random.NextDouble(), random.NextUInt32()];

        Gaussians(random, 50); // move on, then go back
        random.RestoreState(state);
        Assert.Equal(expected, (double[])[.. Gaussians(random, 5), random.NextDouble(), random.NextUInt32()]);

        var other = new NumpyRandom(99);
        other.RestoreState(state);
        Assert.Equal(expected, (double[])[.. Gaussians(other, 5), other.NextDouble(), other.NextUInt32()]);
    }

    [Fact]
    public void A_saved_state_is_a_snapshot_that_later_draws_do_not_change()
    {
        var random = new NumpyRandom(4);
        var state = random.SaveState();
        var first = Gaussians(random, 700);
        random.RestoreState(state);
        Assert.Equal(first, Gaussians(random, 700));
    }

    [Fact]
    public void A_malformed_state_is_rejected()
    {
        var random = new NumpyRandom(1);
        Assert.Throws<ArgumentException>(() => random.RestoreState(new NumpyRandomState(new uint[10], 0, false, 0)));
        Assert.Throws<ArgumentException>(() => random.RestoreState(new NumpyRandomState(new uint[624], 625, false, 0)));
        Assert.Throws<ArgumentException>(() => random.RestoreState(new NumpyRandomState(new uint[624], -1, false, 0)));
    }

    [Fact]
    public void NextInterval_stays_within_its_bound()
    {
        var random = new NumpyRandom(8);
        Assert.Equal(0u, random.NextInterval(0));
        foreach (uint max in new uint[] { 1, 2, 3, 7, 100, 1u << 31, uint.MaxValue })
            for (int i = 0; i < 200; i++) Assert.InRange(random.NextInterval(max), 0u, max);
    }
}
