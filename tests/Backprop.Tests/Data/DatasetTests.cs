using Backprop.Data;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Tests.Data;

public class DatasetTests
{
    /// <summary>m examples with x = (i, 10·i) and y = i, so every row says which example it is.</summary>
    private static Dataset<double> Numbered(int m, bool multiclass = false)
    {
        var x = Tensor<double>.Zeros(m, 2);
        var y = multiclass ? Tensor<double>.Zeros(m) : Tensor<double>.Zeros(m, 1);
        for (int i = 0; i < m; i++) { x[i, 0] = i; x[i, 1] = 10 * i; y.AsSpan()[i] = i; }
        return new Dataset<double>(x, y, featureNames: ["a", "b"]);
    }

    [Fact]
    public void Split_holds_out_the_first_ceil_f_m_of_a_seeded_permutation_like_scikit_learn()
    {
        var data = Numbered(10);
        var (train, test) = data.Split(0.25, new NumpyRandom(1));
        var order = new NumpyRandom(1).Permutation(10);
        Assert.Equal(3, test.Count);                       // ⌈0.25 · 10⌉
        Assert.Equal(7, train.Count);
        Assert.Equal(order[..3].Select(i => (double)i), test.Y.ToArray());
        Assert.Equal(order[3..].Select(i => (double)i), train.Y.ToArray());
        Assert.Equal(order[3..].Select(i => 10.0 * i), Enumerable.Range(0, 7).Select(r => train.X[r, 1]));
        Assert.Equal(["a", "b"], train.FeatureNames!);
    }

    [Fact]
    public void Split_with_the_same_seed_is_the_same_and_rejects_fractions_that_leave_a_side_empty()
    {
        var data = Numbered(20);
        Assert.Equal(data.Split(0.3, new NumpyRandom(7)).Test.Y.ToArray(), data.Split(0.3, new NumpyRandom(7)).Test.Y.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Split(0, new NumpyRandom(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Split(1, new NumpyRandom(1)));
        Assert.Throws<ArgumentException>(() => Numbered(1).Split(0.5, new NumpyRandom(1)));
    }

    [Fact]
    public void Unshuffled_batches_are_views_in_order_with_a_smaller_last_batch()
    {
        var data = Numbered(10);
        var batches = data.Batches(4).ToList();
        Assert.Equal([4, 4, 2], batches.Select(b => b.X.Dim(0)));
        Assert.Equal([8.0, 9.0], batches[2].Y.ToArray());
        batches[1].X[0, 0] = -1;                            // a view writes through
        Assert.Equal(-1, data.X[4, 0]);
    }

    [Fact]
    public void Shuffled_batches_follow_one_permutation_and_cover_every_example_once()
    {
        var data = Numbered(10, multiclass: true);
        var batches = data.Batches(3, new NumpyRandom(2)).ToList();
        Assert.Equal([3, 3, 3, 1], batches.Select(b => b.Y.Dim(0)));
        var seen = batches.SelectMany(b => b.Y.ToArray()).Select(v => (int)v).ToArray();
        Assert.Equal(new NumpyRandom(2).Permutation(10), seen);
        foreach (var (x, y) in batches)
            for (int i = 0; i < y.Dim(0); i++) Assert.Equal(10 * y.AsReadOnlySpan()[i], x[i, 1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Batches(0));
    }

    [Fact]
    public void One_hot_targets_come_from_class_indices_and_labels_come_back()
    {
        var y = Tensor<float>.Vector(2, 0, 1, 2);
        var data = new Dataset<float>(Tensor<float>.Zeros(4, 1), y, ["a", "b", "c"]);
        var hot = data.WithOneHotTargets();
        Assert.Equal([4, 3], hot.Y.Shape.ToArray());
        Assert.Equal([0f, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1], hot.Y.ToArray());
        Assert.Equal([2, 0, 1, 2], hot.Labels());
        Assert.Equal([2, 0, 1, 2], data.Labels());
        Assert.Same(hot, hot.WithOneHotTargets());
        var column = new Dataset<float>(Tensor<float>.Zeros(3, 1), Tensor<float>.FromArray([1f, 0, 1], 3, 1));
        Assert.Equal([0f, 1, 1, 0, 0, 1], column.WithOneHotTargets().Y.ToArray());
        Assert.Equal([3, 4], column.WithOneHotTargets(4).Y.Shape.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => Dataset<float>.OneHot([0, 3], 3));
    }

    [Fact]
    public void The_constructor_rejects_mismatched_shapes()
    {
        Assert.Throws<ArgumentException>(() => new Dataset<double>(Tensor<double>.Zeros(3, 2), Tensor<double>.Zeros(2, 1)));
        Assert.Throws<ArgumentException>(() => new Dataset<double>(Tensor<double>.Zeros(3), Tensor<double>.Zeros(3)));
        Assert.Throws<ArgumentException>(() => new Dataset<double>(Tensor<double>.Zeros(3, 2), Tensor<double>.Zeros(3), featureNames: ["a"]));
    }

    [Fact]
    public void Cast_converts_both_tensors_and_keeps_the_names()
    {
        var f = Numbered(3).Cast<float>();
        Assert.Equal([0f, 0, 1, 10, 2, 20], f.X.ToArray());
        Assert.Equal(["a", "b"], f.FeatureNames!);
    }
}
