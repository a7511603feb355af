using Backprop.Tensors;

namespace Backprop.Tests.Tensors;

public class TensorReductionTests
{
    private static Tensor<double> Counting(params int[] shape) =>
        Tensor<double>.FromArray(Enumerable.Range(0, shape.Aggregate(1, (p, d) => p * d)).Select(i => (double)i).ToArray(), shape);

    // [[3, −1, 4], [1, 5, −9]]: a small matrix whose maxima sit in different places per row and column.
    private static Tensor<double> Mixed() => Tensor<double>.FromRows(new double[,] { { 3, -1, 4 }, { 1, 5, -9 } });

    [Fact]
    public void Sum_Mean_and_Max_of_all_elements_are_scalars()
    {
        var m = Mixed();
        Assert.Equal(0, m.Sum().Rank);
        Assert.Equal(3.0, m.Sum().ToScalar());
        Assert.Equal(0.5, m.Mean().ToScalar());
        Assert.Equal(5.0, m.Max().ToScalar());
        Assert.Equal(4.0, Tensor<float>.Vector(1, 4, -2).Max().ToScalar());
    }

    [Fact]
    public void Sum_of_a_long_float_vector_uses_every_element()
    {
        // 1000 ones: long enough for the vector accumulators and a scalar tail.
        Assert.Equal(1001f, Tensor<float>.Ones(1001).Sum().ToScalar());
        Assert.Equal(500.5, Tensor<double>.Arange(1, 1001, 1).Mean().ToScalar());
    }

    [Fact]
    public void Reducing_a_vector_along_its_axis_gives_a_scalar_or_a_one_element_vector()
    {
        var v = Tensor<double>.Vector(2, 7, 3);
        TensorAssert.Equal([12], [], v.Sum(0));
        TensorAssert.Equal([12], [1], v.Sum(0, keepDims: true));
        TensorAssert.Equal([4], [], v.Mean(-1));
        TensorAssert.Equal([7], [1], v.Max(0, keepDims: true));
    }

    [Fact]
    public void Sum_along_axis_zero_adds_down_the_columns()
    {
        TensorAssert.Equal([4, 4, -5], [3], Mixed().Sum(0));
        TensorAssert.Equal([4, 4, -5], [1, 3], Mixed().Sum(0, keepDims: true));
    }

    [Fact]
    public void Sum_along_axis_one_adds_across_each_row()
    {
        TensorAssert.Equal([6, -3], [2], Mixed().Sum(1));
        TensorAssert.Equal([6, -3], [2, 1], Mixed().Sum(1, keepDims: true));
        TensorAssert.Equal([6, -3], [2], Mixed().Sum(-1));
    }

    [Fact]
    public void Mean_along_each_axis_of_a_matrix_divides_by_that_axis_length()
    {
        TensorAssert.Equal([2, 2, -2.5], [3], Mixed().Mean(0));
        TensorAssert.Equal([2, -1], [2, 1], Mixed().Mean(1, keepDims: true));
    }

    [Fact]
    public void Max_along_each_axis_of_a_matrix()
    {
        TensorAssert.Equal([3, 5, 4], [3], Mixed().Max(0));
        TensorAssert.Equal([3, 5, 4], [1, 3], Mixed().Max(0, keepDims: true));
        TensorAssert.Equal([4, 5], [2], Mixed().Max(1));
        TensorAssert.Equal([4, 5], [2, 1], Mixed().Max(1, keepDims: true));
    }

    [Fact]
    public void Max_along_an_axis_of_all_negative_values_is_the_largest_negative()
    {
        var m = Tensor<double>.FromRows(new double[,] { { -3, -7 }, { -5, -2 } });
        TensorAssert.Equal([-3, -2], [2], m.Max(0));
        TensorAssert.Equal([-3, -2], [2], m.Max(1));
    }

    [Fact]
    public void Sum_Mean_and_Max_along_each_axis_of_a_three_dimensional_tensor()
    {
        var t = Counting(2, 3, 4); // t[i, j, k] = 12i + 4j + k
        TensorAssert.Equal([12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34], [3, 4], t.Sum(0));
        TensorAssert.Equal([12, 15, 18, 21, 48, 51, 54, 57], [2, 4], t.Sum(1));
        TensorAssert.Equal([6, 22, 38, 54, 70, 86], [2, 3], t.Sum(2));
        TensorAssert.Equal([12, 15, 18, 21, 48, 51, 54, 57], [2, 1, 4], t.Sum(1, keepDims: true));
        TensorAssert.Equal([6, 22, 38, 54, 70, 86], [2, 3, 1], t.Sum(-1, keepDims: true));
        TensorAssert.Equal([6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17], [1, 3, 4], t.Mean(0, keepDims: true));
        TensorAssert.Equal([4, 5, 6, 7, 16, 17, 18, 19], [2, 4], t.Mean(1));
        TensorAssert.Equal([1.5, 5.5, 9.5, 13.5, 17.5, 21.5], [2, 3], t.Mean(2));
        TensorAssert.Equal([12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23], [3, 4], t.Max(0));
        TensorAssert.Equal([8, 9, 10, 11, 20, 21, 22, 23], [2, 1, 4], t.Max(1, keepDims: true));
        TensorAssert.Equal([3, 7, 11, 15, 19, 23], [2, 3], t.Max(2));
    }

    [Fact]
    public void Reducing_an_axis_that_does_not_exist_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Mixed().Sum(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mixed().Max(-3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor<double>.Scalar(1).Sum(0));
    }

    [Fact]
    public void Max_of_an_empty_tensor_throws()
    {
        Assert.Throws<InvalidOperationException>(() => Tensor<double>.Zeros(0).Max());
        Assert.Throws<InvalidOperationException>(() => Tensor<double>.Zeros(2, 0).Max(1));
    }

    [Fact]
    public void Sum_of_an_empty_axis_is_zero()
    {
        Assert.Equal(0.0, Tensor<double>.Zeros(0).Sum().ToScalar());
        TensorAssert.Equal([0, 0], [2], Tensor<double>.Zeros(2, 0).Sum(1));
    }

    [Fact]
    public void Max_propagates_NaN()
    {
        var t = Tensor<double>.FromRows(new double[,] { { 1, double.NaN }, { 3, 2 } });
        Assert.True(double.IsNaN(t.Max().ToScalar()));
        var byColumn = t.Max(0);
        Assert.Equal(3.0, byColumn[0]);
        Assert.True(double.IsNaN(byColumn[1]));
        Assert.True(double.IsNaN(t.Max(1)[0]));
    }

    [Fact]
    public void ArgMax_of_all_elements_is_the_flat_index_of_the_first_largest()
    {
        Assert.Equal(4, Mixed().ArgMax());
        Assert.Equal(1, Tensor<double>.Vector(1, 9, 9, 2).ArgMax());
    }

    [Fact]
    public void ArgMax_of_an_empty_tensor_or_along_an_empty_axis_throws()
    {
        Assert.Throws<InvalidOperationException>(() => Tensor<double>.Zeros(0).ArgMax());
        Assert.Throws<InvalidOperationException>(() => Tensor<double>.Zeros(3, 0).ArgMax(1));
        Assert.Throws<InvalidOperationException>(() => Tensor<double>.Zeros(0, 3).ArgMax(0));
        Assert.Empty(Tensor<double>.Zeros(0, 3).ArgMax(1));
    }

    [Fact]
    public void ArgMax_points_at_the_first_NaN_as_NumPy_does()
    {
        var t = Tensor<double>.FromRows(new double[,] { { 1, double.NaN, 7 }, { double.NaN, 9, double.NaN } });
        Assert.Equal(1, t.ArgMax());
        Assert.Equal([1, 0], t.ArgMax(1));
        Assert.Equal([1, 0, 1], t.ArgMax(0));
    }

    [Fact]
    public void ArgMax_along_axis_one_gives_the_best_column_of_each_row()
    {
        Assert.Equal([2, 1], Mixed().ArgMax(1));
        Assert.Equal([2, 1], Mixed().ArgMax(-1));
    }

    [Fact]
    public void ArgMax_along_axis_zero_gives_the_best_row_of_each_column()
    {
        Assert.Equal([0, 1, 0], Mixed().ArgMax(0));
        // Ties keep the first row, as NumPy does.
        Assert.Equal([0, 0], Tensor<double>.FromRows(new double[,] { { 1, 5 }, { 1, 5 } }).ArgMax(0));
    }

    [Fact]
    public void ArgMax_along_the_middle_axis_of_a_three_dimensional_tensor()
    {
        var t = Counting(2, 3, 2);
        t[1, 0, 1] = 100;
        Assert.Equal([2, 2, 2, 0], t.ArgMax(1));
    }

    [Fact]
    public void SumToShape_undoes_the_broadcast_of_a_row()
    {
        var g = Counting(3, 4);
        TensorAssert.Equal([12, 15, 18, 21], [4], g.SumToShape([4]));
        TensorAssert.Equal([12, 15, 18, 21], [1, 4], g.SumToShape([1, 4]));
    }

    [Fact]
    public void SumToShape_undoes_the_broadcast_of_a_column()
    {
        TensorAssert.Equal([6, 22, 38], [3, 1], Counting(3, 4).SumToShape([3, 1]));
    }

    [Fact]
    public void SumToShape_undoes_the_broadcast_of_a_scalar()
    {
        TensorAssert.Equal([66], [], Counting(3, 4).SumToShape([]));
        TensorAssert.Equal([66], [1, 1], Counting(3, 4).SumToShape([1, 1]));
    }

    [Fact]
    public void SumToShape_removes_leading_axes_and_sums_stretched_inner_ones()
    {
        // (2,3,4) → (3,1): sum over axis 0 (dropped) and axis 2 (stretched from 1).
        TensorAssert.Equal([60, 92, 124], [3, 1], Counting(2, 3, 4).SumToShape([3, 1]));
        TensorAssert.Equal([60, 92, 124], [3], Counting(2, 3, 4).Sum(0).Sum(1).Reshape(3));
    }

    [Fact]
    public void SumToShape_of_the_same_shape_returns_the_tensor_itself()
    {
        var g = Counting(3, 4);
        Assert.Same(g, g.SumToShape([3, 4]));
    }

    [Fact]
    public void SumToShape_to_a_shape_that_does_not_broadcast_to_this_one_throws()
    {
        Assert.Throws<ArgumentException>(() => Counting(3, 4).SumToShape([3]));
        Assert.Throws<ArgumentException>(() => Counting(3, 4).SumToShape([2, 3, 4]));
        Assert.Throws<ArgumentException>(() => Counting(3, 1).SumToShape([3, 4]));
    }

    [Fact]
    public void SumToShape_is_the_adjoint_of_broadcasting()
    {
        // ⟨broadcast(x), g⟩ = ⟨x, SumToShape(g)⟩ for every broadcast pattern.
        var rng = new Random(3);
        int[][] shapes = [[4], [3, 1], [], [1, 4], [1, 1], [3, 4]];
        var g = Tensor<double>.RandomNormal(new Backprop.Randomness.NumpyRandom(7), 3, 4);
        foreach (var shape in shapes)
        {
            var x = Tensor<double>.FromArray(Enumerable.Range(0, shape.Aggregate(1, (p, d) => p * d)).Select(_ => rng.NextDouble()).ToArray(), shape);
            var stretched = x + Tensor<double>.Zeros(3, 4);
            double left = (stretched * g).Sum().ToScalar();
            double right = (x * g.SumToShape(shape)).Sum().ToScalar();
            Assert.Equal(left, right, 1e-12);
        }
    }
}
