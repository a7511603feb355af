using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Tests.Tensors;

public class TensorCreationTests
{
    [Fact]
    public void Zeros_has_the_given_shape_and_only_zeros()
    {
        var t = Tensor<float>.Zeros(2, 3, 4);
        TensorAssert.Shape(t, 2, 3, 4);
        Assert.Equal(3, t.Rank);
        Assert.Equal(24, t.Length);
        Assert.All(t.ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Zeros_with_no_dimensions_is_a_scalar_of_one_element()
    {
        var t = Tensor<double>.Zeros();
        Assert.Equal(0, t.Rank);
        Assert.Equal(1, t.Length);
        Assert.Equal(0.0, t.ToScalar());
    }

    [Fact]
    public void A_zero_dimension_makes_an_empty_tensor()
    {
        var t = Tensor<double>.Zeros(3, 0);
        TensorAssert.Shape(t, 3, 0);
        Assert.Equal(0, t.Length);
        Assert.Empty(t.ToArray());
    }

    [Fact]
    public void A_negative_dimension_throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor<float>.Zeros(2, -1));
        Assert.Contains("(2, -1)", error.Message);
    }

    [Fact]
    public void Ones_and_Full_fill_every_element()
    {
        Assert.All(Tensor<double>.Ones(3, 2).ToArray(), v => Assert.Equal(1.0, v));
        var full = Tensor<float>.Full(7.5f, 4);
        TensorAssert.Equal([7.5f, 7.5f, 7.5f, 7.5f], [4], full);
        var like = Tensor<float>.ZerosLike(full);
        TensorAssert.Equal([0f, 0f, 0f, 0f], [4], like);
    }

    [Fact]
    public void Zeros_copies_the_shape_array_it_is_given()
    {
        int[] shape = [2, 3];
        var t = Tensor<double>.Zeros(shape);
        shape[0] = 99;
        TensorAssert.Shape(t, 2, 3);
    }

    [Fact]
    public void Scalar_has_rank_zero_and_its_value()
    {
        var s = Tensor<double>.Scalar(3.25);
        Assert.Equal(0, s.Rank);
        Assert.Equal(1, s.Length);
        Assert.Equal(3.25, s.ToScalar());
        Assert.Equal(3.25, s[Array.Empty<int>()]);
    }

    [Fact]
    public void FromArray_lays_the_values_out_row_major_and_copies_them()
    {
        double[] data = [1, 2, 3, 4, 5, 6];
        var t = Tensor<double>.FromArray(data, 2, 3);
        Assert.Equal(3.0, t[0, 2]);
        Assert.Equal(4.0, t[1, 0]);
        data[0] = 100;
        Assert.Equal(1.0, t[0, 0]);
    }

    [Fact]
    public void FromArray_with_the_wrong_count_throws_naming_the_shape()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor<float>.FromArray([1, 2, 3, 4, 5], 2, 3));
        Assert.Contains("(2, 3)", error.Message);
        Assert.Contains("5", error.Message);
    }

    [Fact]
    public void Vector_makes_a_rank_one_tensor()
    {
        var v = Tensor<float>.Vector(1, 2, 3);
        TensorAssert.Equal([1f, 2f, 3f], [3], v);
    }

    [Fact]
    public void FromRows_reads_a_rectangular_array_row_by_row()
    {
        var t = Tensor<double>.FromRows(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        TensorAssert.Equal([1, 2, 3, 4, 5, 6], [2, 3], t);
    }

    [Fact]
    public void FromRows_reads_jagged_rows_of_equal_length()
    {
        var t = Tensor<double>.FromRows([[1, 2], [3, 4], [5, 6]]);
        TensorAssert.Equal([1, 2, 3, 4, 5, 6], [3, 2], t);
    }

    [Fact]
    public void FromRows_with_ragged_rows_throws_naming_the_row()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor<double>.FromRows([[1, 2, 3], [4, 5]]));
        Assert.Contains("Row 1", error.Message);
    }

    [Fact]
    public void Arange_excludes_the_stop_value_as_NumPy_does()
    {
        TensorAssert.Equal([0, 0.25, 0.5, 0.75], [4], Tensor<double>.Arange(0, 1, 0.25));
        TensorAssert.Equal([0f, 3f, 6f, 9f], [4], Tensor<float>.Arange(0, 10, 3));
        TensorAssert.Equal([0, 1, 2, 3, 4], [5], Tensor<double>.Arange(0, 5, 1));
    }

    [Fact]
    public void Arange_counts_down_with_a_negative_step()
    {
        TensorAssert.Equal([1, 0.7, 0.4, 0.1], [4], Tensor<double>.Arange(1, 0, -0.3), 1e-15);
    }

    [Fact]
    public void Arange_with_stop_behind_start_is_empty()
    {
        TensorAssert.Shape(Tensor<double>.Arange(5, 1, 1), 0);
        TensorAssert.Shape(Tensor<double>.Arange(1, 5, -1), 0);
        TensorAssert.Shape(Tensor<double>.Arange(2, 2, 1), 0);
    }

    [Fact]
    public void Arange_with_a_zero_step_throws()
    {
        Assert.Throws<ArgumentException>(() => Tensor<float>.Arange(0, 1, 0));
    }

    [Fact]
    public void Arange_without_a_finite_length_throws_an_argument_error()
    {
        Assert.Throws<ArgumentException>(() => Tensor<double>.Arange(0, double.PositiveInfinity, 1));
        Assert.Throws<ArgumentException>(() => Tensor<double>.Arange(0, double.NaN, 1));
        Assert.Throws<ArgumentException>(() => Tensor<float>.Arange(0, 1e30f, 1));
    }

    [Fact]
    public void A_shape_with_more_elements_than_an_array_holds_throws_even_when_the_count_wraps_around()
    {
        // 65536⁴ = 2⁶⁴ wraps a 64-bit product to 0.
        var error = Assert.Throws<ArgumentException>(() => Tensor<float>.Zeros(65536, 65536, 65536, 65536));
        Assert.Contains("(65536, 65536, 65536, 65536)", error.Message);
        Assert.Throws<ArgumentException>(() => Tensor<float>.Zeros(100000, 100000));
        TensorAssert.Shape(Tensor<float>.Zeros(65536, 65536, 0), 65536, 65536, 0);
    }

    [Fact]
    public void RandomNormal_with_seed_one_gives_NumPys_randn_values_in_row_major_order()
    {
        var t = Tensor<double>.RandomNormal(new NumpyRandom(1), 2, 2);
        TensorAssert.Shape(t, 2, 2);
        Assert.Equal(1.6243453636632417, t[0, 0]);
        Assert.Equal(-0.6117564136500754, t[0, 1]);
        Assert.Equal(-0.5281717522634557, t[1, 0]);
        Assert.Equal(-1.0729686221561705, t[1, 1]);
    }

    [Fact]
    public void RandomNormal_in_float_rounds_the_same_draws()
    {
        var t = Tensor<float>.RandomNormal(new NumpyRandom(1), 3);
        TensorAssert.Equal([(float)1.6243453636632417, (float)-0.6117564136500754, (float)-0.5281717522634557], [3], t);
    }

    [Fact]
    public void RandomNormal_with_seed_two_and_three_gives_the_reference_values()
    {
        Assert.Equal(-0.4167578474054706, Tensor<double>.RandomNormal(new NumpyRandom(2), 1)[0]);
        var three = Tensor<double>.RandomNormal(new NumpyRandom(3), 1, 3);
        TensorAssert.Equal([1.7886284734303186, 0.43650985051198943, 0.09649746807200862], [1, 3], three);
    }

    [Fact]
    public void RandomUniform_draws_lie_in_the_unit_interval_and_repeat_with_the_seed()
    {
        var a = Tensor<double>.RandomUniform(new NumpyRandom(5), 100);
        var b = Tensor<double>.RandomUniform(new NumpyRandom(5), 100);
        Assert.Equal(a.ToArray(), b.ToArray());
        Assert.All(a.ToArray(), v => Assert.InRange(v, 0.0, 0.9999999999999999));
    }

    [Fact]
    public void Cast_converts_every_element_and_keeps_the_shape()
    {
        var d = Tensor<double>.FromArray([0.1, -2.5, 1e10, 3], 2, 2);
        var f = d.Cast<float>();
        TensorAssert.Equal([0.1f, -2.5f, 1e10f, 3f], [2, 2], f);
        var back = f.Cast<double>();
        TensorAssert.Equal([(double)0.1f, -2.5, (double)1e10f, 3], [2, 2], back);
    }

    [Fact]
    public void Cast_to_the_same_type_makes_an_independent_copy()
    {
        var d = Tensor<double>.Vector(1, 2);
        var copy = d.Cast<double>();
        copy[0] = 5;
        Assert.Equal(1.0, d[0]);
    }
}
