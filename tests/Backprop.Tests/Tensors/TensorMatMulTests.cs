using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Tests.Tensors;

/// <summary>The tensor-level MatMul contract: shapes, transpose flags, accumulation, errors. GEMM itself is tested in Kernels.</summary>
public class TensorMatMulTests
{
    [Fact]
    public void A_two_by_three_times_a_three_by_two_matches_the_hand_worked_product()
    {
        var a = Tensor<double>.FromRows(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var b = Tensor<double>.FromRows(new double[,] { { 7, 8 }, { 9, 10 }, { 11, 12 } });
        // [1·7+2·9+3·11, 1·8+2·10+3·12; 4·7+5·9+6·11, 4·8+5·10+6·12]
        TensorAssert.Equal([58, 64, 139, 154], [2, 2], Tensor<double>.MatMul(a, b));
        TensorAssert.Equal([39, 54, 69, 49, 68, 87, 59, 82, 105], [3, 3], Tensor<double>.MatMul(b, a));
    }

    [Fact]
    public void Float_matmul_gives_the_same_hand_worked_product()
    {
        var a = Tensor<float>.FromRows(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var b = Tensor<float>.FromRows(new float[,] { { 7, 8 }, { 9, 10 }, { 11, 12 } });
        TensorAssert.Equal([58f, 64f, 139f, 154f], [2, 2], Tensor<float>.MatMul(a, b));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Transpose_flags_give_the_product_of_the_explicit_transposes(bool transposeA, bool transposeB)
    {
        var random = new NumpyRandom(4);
        const int m = 5, k = 7, n = 3;
        var a = Tensor<double>.RandomNormal(random, transposeA ? [k, m] : [m, k]);
        var b = Tensor<double>.RandomNormal(random, transposeB ? [n, k] : [k, n]);
        var expected = Tensor<double>.MatMul(transposeA ? a.Transpose() : a, transposeB ? b.Transpose() : b);
        var actual = Tensor<double>.MatMul(a, b, transposeA, transposeB);
        TensorAssert.Shape(actual, m, n);
        TensorAssert.Close(expected, actual, 1e-14);
        TensorAssert.Close(NaiveProduct(transposeA ? a.Transpose() : a, transposeB ? b.Transpose() : b), actual, 1e-14);
    }

    [Fact]
    public void The_course_dense_layer_product_X_times_W_transposed_has_one_row_per_example()
    {
        var x = Tensor<double>.FromRows(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } }); // 3 examples, 2 features
        var w = Tensor<double>.FromRows(new double[,] { { 1, 0 }, { 0, 1 }, { 1, 1 }, { 2, -1 } }); // 4 units
        var z = Tensor<double>.MatMul(x, w, transposeB: true);
        TensorAssert.Equal([1, 2, 3, 0, 3, 4, 7, 2, 5, 6, 11, 4], [3, 4], z);
    }

    [Fact]
    public void MatMulInto_with_beta_one_adds_to_what_the_destination_holds()
    {
        var a = Tensor<double>.FromRows(new double[,] { { 1, 2 }, { 3, 4 } });
        var b = Tensor<double>.FromRows(new double[,] { { 5, 6 }, { 7, 8 } });
        var c = Tensor<double>.FromRows(new double[,] { { 100, 200 }, { 300, 400 } });
        Tensor<double>.MatMulInto(a, b, c, beta: 1.0);
        TensorAssert.Equal([119, 222, 343, 450], [2, 2], c);
        Tensor<double>.MatMulInto(a, b, c, beta: 1.0);
        TensorAssert.Equal([138, 244, 386, 500], [2, 2], c);
    }

    [Fact]
    public void MatMulInto_scales_the_product_by_alpha_and_the_old_value_by_beta()
    {
        var a = Tensor<double>.FromRows(new double[,] { { 1, 2 }, { 3, 4 } });
        var b = Tensor<double>.FromRows(new double[,] { { 5, 6 }, { 7, 8 } });
        var c = Tensor<double>.Ones(2, 2);
        Tensor<double>.MatMulInto(a, b, c, alpha: 2.0, beta: -1.0);
        TensorAssert.Equal([37, 43, 85, 99], [2, 2], c);
    }

    [Fact]
    public void MatMulInto_without_beta_overwrites_the_destination_even_if_it_holds_NaN()
    {
        var a = Tensor<float>.FromRows(new float[,] { { 1, 2 }, { 3, 4 } });
        var c = Tensor<float>.Full(float.NaN, 2, 2);
        Tensor<float>.MatMulInto(a, Tensor<float>.FromRows(new float[,] { { 1, 0 }, { 0, 1 } }), c);
        TensorAssert.Equal([1f, 2f, 3f, 4f], [2, 2], c);
    }

    [Fact]
    public void MatMulInto_writes_into_a_row_view_of_a_larger_tensor()
    {
        var a = Tensor<double>.FromRows(new double[,] { { 1, 2 } });
        var b = Tensor<double>.FromRows(new double[,] { { 3, 4 }, { 5, 6 } });
        var big = Tensor<double>.Zeros(3, 2);
        Tensor<double>.MatMulInto(a, b, big.Rows(1, 1));
        TensorAssert.Equal([0, 0, 13, 16, 0, 0], [3, 2], big);
    }

    [Fact]
    public void Misaligned_shapes_throw_an_error_naming_both_shapes()
    {
        var a = Tensor<double>.Zeros(2, 3);
        var b = Tensor<double>.Zeros(2, 4);
        var error = Assert.Throws<ArgumentException>(() => Tensor<double>.MatMul(a, b));
        Assert.Contains("(2, 3)", error.Message);
        Assert.Contains("(2, 4)", error.Message);
        Assert.Throws<ArgumentException>(() => Tensor<double>.MatMul(a, b, transposeB: true));
        // (2,3)ᵀ·(2,4) aligns: 3×4.
        TensorAssert.Shape(Tensor<double>.MatMul(a, b, transposeA: true), 3, 4);
    }

    [Fact]
    public void MatMul_needs_two_matrices()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor<double>.MatMul(Tensor<double>.Zeros(3), Tensor<double>.Zeros(3, 2)));
        Assert.Contains("(3,)", error.Message);
        Assert.Throws<ArgumentException>(() => Tensor<double>.MatMul(Tensor<double>.Zeros(1, 2, 3), Tensor<double>.Zeros(3, 2)));
    }

    [Fact]
    public void MatMulInto_rejects_a_destination_of_the_wrong_shape()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Tensor<double>.MatMulInto(Tensor<double>.Zeros(2, 3), Tensor<double>.Zeros(3, 4), Tensor<double>.Zeros(4, 2)));
        Assert.Contains("(2, 4)", error.Message);
        Assert.Contains("(4, 2)", error.Message);
    }

    [Fact]
    public void An_inner_dimension_of_zero_gives_a_matrix_of_zeros()
    {
        var c = Tensor<double>.MatMul(Tensor<double>.Zeros(2, 0), Tensor<double>.Zeros(0, 3));
        TensorAssert.Equal([0, 0, 0, 0, 0, 0], [2, 3], c);
    }

    private static Tensor<double> NaiveProduct(Tensor<double> a, Tensor<double> b)
    {
        int m = a.Dim(0), k = a.Dim(1), n = b.Dim(1);
        var c = Tensor<double>.Zeros(m, n);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++) sum += a[i, p] * b[p, j];
                c[i, j] = sum;
            }
        return c;
    }
}
