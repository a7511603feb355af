using Backprop.Tensors;

namespace Backprop.Tests.Tensors;

public class TensorViewTests
{
    private static Tensor<double> Counting(params int[] shape) =>
        Tensor<double>.FromArray(Enumerable.Range(0, shape.Aggregate(1, (p, d) => p * d)).Select(i => (double)i).ToArray(), shape);

    [Fact]
    public void Reshape_keeps_the_row_major_order()
    {
        var r = Counting(2, 3).Reshape(3, 2);
        TensorAssert.Equal([0, 1, 2, 3, 4, 5], [3, 2], r);
        Assert.Equal(2.0, r[1, 0]);
    }

    [Fact]
    public void Reshape_infers_one_dimension_given_as_minus_one()
    {
        TensorAssert.Shape(Counting(2, 3, 4).Reshape(-1, 4), 6, 4);
        TensorAssert.Shape(Counting(2, 3, 4).Reshape(2, -1), 2, 12);
        TensorAssert.Shape(Counting(2, 3, 4).Reshape(-1), 24);
        TensorAssert.Shape(Counting(1).Reshape(), []);
    }

    [Fact]
    public void Reshape_to_the_wrong_size_throws_naming_both_shapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Counting(2, 3).Reshape(4, 2));
        Assert.Contains("(2, 3)", error.Message);
        Assert.Contains("(4, 2)", error.Message);
        error = Assert.Throws<ArgumentException>(() => Counting(2, 3).Reshape(4, -1));
        Assert.Contains("(2, 3)", error.Message);
        Assert.Contains("(4, -1)", error.Message);
    }

    [Fact]
    public void Reshape_with_two_unknown_dimensions_throws()
    {
        Assert.Throws<ArgumentException>(() => Counting(2, 3).Reshape(-1, -1));
    }

    [Fact]
    public void Reshape_is_a_view_that_writes_through()
    {
        var t = Counting(2, 3);
        var flat = t.Reshape(6);
        flat[4] = 100;
        Assert.Equal(100.0, t[1, 1]);
    }

    [Fact]
    public void Rows_is_a_view_that_writes_through_to_its_parent()
    {
        var t = Counting(4, 3);
        var batch = t.Rows(1, 2);
        TensorAssert.Equal([3, 4, 5, 6, 7, 8], [2, 3], batch);
        batch[1, 2] = -1;
        Assert.Equal(-1.0, t[2, 2]);
        batch.Fill(0);
        TensorAssert.Equal([0, 1, 2, 0, 0, 0, 0, 0, 0, 9, 10, 11], [4, 3], t);
    }

    [Fact]
    public void Rows_of_a_three_dimensional_tensor_take_whole_slabs()
    {
        var t = Counting(3, 2, 2);
        TensorAssert.Equal([8, 9, 10, 11], [1, 2, 2], t.Rows(2, 1));
        TensorAssert.Shape(t.Rows(3, 0), 0, 2, 2);
    }

    [Fact]
    public void Rows_outside_the_tensor_throw()
    {
        var t = Counting(4, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Rows(3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Rows(-1, 1));
        Assert.Throws<InvalidOperationException>(() => Tensor<double>.Scalar(1).Rows(0, 1));
    }

    [Fact]
    public void Row_drops_the_first_axis_and_writes_through()
    {
        var t = Counting(3, 4);
        var row = t.Row(1);
        TensorAssert.Equal([4, 5, 6, 7], [4], row);
        row[0] = 42;
        Assert.Equal(42.0, t[1, 0]);
        var element = Counting(3).Row(2);
        Assert.Equal(0, element.Rank);
        Assert.Equal(2.0, element.ToScalar());
    }

    [Fact]
    public void GatherRows_copies_the_listed_rows_in_order_with_repeats()
    {
        var t = Counting(4, 2);
        var g = t.GatherRows([3, 0, 3]);
        TensorAssert.Equal([6, 7, 0, 1, 6, 7], [3, 2], g);
        g[0, 0] = -1;
        Assert.Equal(6.0, t[3, 0]);
    }

    [Fact]
    public void GatherRows_with_a_row_outside_the_tensor_throws()
    {
        Assert.Throws<IndexOutOfRangeException>(() => Counting(4, 2).GatherRows([1, 4]));
        Assert.Throws<IndexOutOfRangeException>(() => Counting(4, 2).GatherRows([-1]));
    }

    [Fact]
    public void GatherRowsInto_fills_an_existing_tensor_and_checks_its_size()
    {
        var t = Counting(3, 2, 2);
        var destination = Tensor<double>.Zeros(2, 2, 2);
        t.GatherRowsInto([2, 1], destination);
        TensorAssert.Equal([8, 9, 10, 11, 4, 5, 6, 7], [2, 2, 2], destination);
        Assert.Throws<ArgumentException>(() => t.GatherRowsInto([0], destination));
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(1, 7)]
    [InlineData(33, 65)]
    [InlineData(70, 31)]
    [InlineData(64, 32)]
    public void Transpose_swaps_rows_and_columns(int m, int n)
    {
        var t = Counting(m, n);
        var tt = t.Transpose();
        TensorAssert.Shape(tt, n, m);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                Assert.Equal(t[i, j], tt[j, i]);
        Assert.Equal(t.ToArray(), tt.Transpose().ToArray());
    }

    [Fact]
    public void Transpose_of_a_vector_is_the_vector_and_of_rank_three_throws()
    {
        var v = Counting(3);
        Assert.Same(v, v.Transpose());
        Assert.Throws<InvalidOperationException>(() => Counting(2, 2, 2).Transpose());
    }

    [Fact]
    public void Concat_along_axis_zero_stacks_rows()
    {
        var c = Tensor<double>.Concat(0, Counting(2, 3), Counting(1, 3) + 100.0);
        TensorAssert.Equal([0, 1, 2, 3, 4, 5, 100, 101, 102], [3, 3], c);
    }

    [Fact]
    public void Concat_along_axis_one_joins_each_row()
    {
        var c = Tensor<double>.Concat(1, Counting(2, 2), Counting(2, 1) + 100.0, Counting(2, 3) + 200.0);
        TensorAssert.Equal([0, 1, 100, 200, 201, 202, 2, 3, 101, 203, 204, 205], [2, 6], c);
        TensorAssert.Equal(c.ToArray(), [2, 6], Tensor<double>.Concat(-1, Counting(2, 2), Counting(2, 1) + 100.0, Counting(2, 3) + 200.0));
    }

    [Fact]
    public void Concat_along_axis_two_interleaves_the_innermost_blocks()
    {
        var a = Counting(2, 2, 1);
        var b = Counting(2, 2, 2) + 10.0;
        var c = Tensor<double>.Concat(2, a, b);
        TensorAssert.Equal([0, 10, 11, 1, 12, 13, 2, 14, 15, 3, 16, 17], [2, 2, 3], c);
    }

    [Fact]
    public void Concat_of_mismatched_shapes_throws_naming_both_shapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor<double>.Concat(0, Counting(2, 3), Counting(2, 4)));
        Assert.Contains("(2, 3)", error.Message);
        Assert.Contains("(2, 4)", error.Message);
        Assert.Throws<ArgumentException>(() => Tensor<double>.Concat(0, Counting(2, 3), Counting(6)));
        Assert.Throws<ArgumentException>(() => Tensor<double>.Concat(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor<double>.Concat(2, Counting(2, 3)));
    }

    [Fact]
    public void Clone_is_independent_of_the_original()
    {
        var t = Counting(2, 3);
        t.Name = "A";
        var view = t.Rows(1, 1);
        var copy = view.Clone();
        copy[0, 0] = -5;
        Assert.Equal(3.0, t[1, 0]);
        TensorAssert.Shape(copy, 1, 3);
        Assert.Equal("A", t.Clone().Name);
    }

    [Fact]
    public void CopyFrom_copies_values_and_requires_the_same_shape()
    {
        var t = Tensor<double>.Zeros(2, 3);
        t.CopyFrom(Counting(2, 3));
        TensorAssert.Equal([0, 1, 2, 3, 4, 5], [2, 3], t);
        var error = Assert.Throws<ArgumentException>(() => t.CopyFrom(Counting(3, 2)));
        Assert.Contains("(3, 2)", error.Message);
        Assert.Contains("(2, 3)", error.Message);
    }

    [Fact]
    public void CopyFrom_into_a_row_view_writes_into_the_parent()
    {
        var t = Tensor<double>.Zeros(3, 2);
        t.Rows(1, 1).CopyFrom(Tensor<double>.FromArray([7, 8], 1, 2));
        TensorAssert.Equal([0, 0, 7, 8, 0, 0], [3, 2], t);
    }

    [Fact]
    public void The_indexer_rejects_coordinates_outside_the_shape()
    {
        var t = Counting(2, 3);
        var error = Assert.Throws<IndexOutOfRangeException>(() => t[2, 0]);
        Assert.Contains("(2, 3)", error.Message);
        Assert.Throws<IndexOutOfRangeException>(() => t[0, 3]);
        Assert.Throws<IndexOutOfRangeException>(() => t[0, -1]);
        Assert.Throws<IndexOutOfRangeException>(() => t[-1, 0] = 1);
    }

    [Fact]
    public void The_indexer_rejects_the_wrong_number_of_coordinates()
    {
        var t = Counting(2, 3);
        Assert.Throws<ArgumentException>(() => t[1]);
        Assert.Throws<ArgumentException>(() => t[0, 0, 0]);
    }

    [Fact]
    public void The_indexer_of_a_view_reads_from_the_view_offset()
    {
        var t = Counting(4, 2);
        Assert.Equal(5.0, t.Rows(2, 2)[0, 1]);
        Assert.Throws<IndexOutOfRangeException>(() => t.Rows(2, 2)[2, 0]);
    }

    [Fact]
    public void ToScalar_needs_exactly_one_element()
    {
        Assert.Equal(5.0, Counting(2, 3).Reshape(6).Rows(5, 1).ToScalar());
        Assert.Throws<InvalidOperationException>(() => Counting(2).ToScalar());
    }
}
