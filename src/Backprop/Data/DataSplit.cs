using Backprop.Randomness;

namespace Backprop.Data;

/// <summary>A seeded train/test split of m rows, the same as scikit-learn's <c>train_test_split(…, random_state=seed)</c>:
/// p = permutation(m), test = p[0 … ⌈f·m⌉ − 1], train = p[⌈f·m⌉ …].</summary>
public static class DataSplit
{
    public static (int[] Train, int[] Test) Indices(int count, double testFraction, NumpyRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must be strictly between 0 and 1.");
        int test = (int)Math.Ceiling(testFraction * count);
        if (test < 1 || test > count - 1)
            throw new ArgumentException($"A test fraction of {testFraction} of {count} example(s) leaves {test} for testing and {count - test} for training; each side needs at least one.");
        var order = random.Permutation(count);
        return (order[test..], order[..test]);
    }
}
