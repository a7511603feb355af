using Backprop.Randomness;

namespace Backprop.Tests.Randomness;

/// <summary><see cref="NumpyRandom.Choice"/> against NumPy 1.24's legacy <c>np.random.choice(n, p=p)</c> (values printed by
/// NumPy with the same seeds).</summary>
public class NumpyChoiceTests
{
    [Fact]
    public void Choice_with_probabilities_matches_numpy_legacy_random_state()
    {
        var random = new NumpyRandom(5);
        var drawn = Enumerable.Range(0, 10).Select(_ => random.Choice([0.1, 0.2, 0.3, 0.4])).ToArray();
        Assert.Equal([1, 3, 1, 3, 2, 3, 3, 2, 1, 1], drawn);
    }

    [Fact]
    public void Choice_matches_numpy_after_drawing_the_probabilities_from_the_same_stream()
    {
        var random = new NumpyRandom(7);
        var p = new double[27];
        for (int i = 0; i < p.Length; i++) p[i] = random.NextDouble();
        var pairwise = Backprop.Course.NumpySum.Pairwise(p);
        for (int i = 0; i < p.Length; i++) p[i] /= pairwise;
        var drawn = Enumerable.Range(0, 10).Select(_ => random.Choice(p)).ToArray();
        Assert.Equal([20, 18, 11, 4, 12, 10, 12, 10, 22, 21], drawn);
    }

    [Fact]
    public void Choice_rejects_probabilities_that_do_not_sum_to_one_in_one_line()
    {
        var e = Assert.Throws<ArgumentException>(() => new NumpyRandom(0).Choice([0.5, 0.6]));
        Assert.Equal("Probabilities must sum to 1; they sum to 1.1.", e.Message);
    }
}
