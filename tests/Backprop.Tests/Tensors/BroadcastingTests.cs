using Backprop.Tensors;

namespace Backprop.Tests.Tensors;

/// <summary>The course notes' four broadcasting pictures and its calories example, as literal tests (float64, as in the course).</summary>
public class BroadcastingTests
{
    private static Tensor<double> Matrix(double[,] rows) => Tensor<double>.FromRows(rows);

    [Fact]
    public void Adding_a_scalar_to_a_row_vector_adds_it_to_every_element()
    {
        var row = Tensor<double>.Vector(1, 2, 3, 4);
        TensorAssert.Equal([101, 102, 103, 104], [4], row + 100.0);
        TensorAssert.Equal([101, 102, 103, 104], [4], row + Tensor<double>.Scalar(100));
        TensorAssert.Equal([101, 102, 103, 104], [4], 100.0 + row);
    }

    [Fact]
    public void Adding_a_scalar_to_a_column_vector_adds_it_to_every_element()
    {
        var column = Tensor<double>.FromArray([1, 2, 3, 4], 4, 1);
        TensorAssert.Equal([101, 102, 103, 104], [4, 1], column + 100.0);
        TensorAssert.Equal([101, 102, 103, 104], [4, 1], column + Tensor<double>.Scalar(100));
        TensorAssert.Equal([101, 102, 103, 104], [4, 1], Tensor<double>.Scalar(100) + column);
    }

    [Fact]
    public void Adding_a_row_vector_to_a_matrix_stretches_it_down_the_rows()
    {
        var m = Matrix(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        double[] expected = [101, 202, 303, 104, 205, 306];
        var row = Tensor<double>.Vector(100, 200, 300);
        TensorAssert.Equal(expected, [2, 3], m + row);
        TensorAssert.Equal(expected, [2, 3], row + m);
        TensorAssert.Equal(expected, [2, 3], m + row.Reshape(1, 3));
        TensorAssert.Equal(expected, [2, 3], row.Reshape(1, 3) + m);
    }

    [Fact]
    public void Adding_a_column_vector_to_a_matrix_stretches_it_across_the_columns()
    {
        var m = Matrix(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var column = Tensor<double>.FromArray([100, 200], 2, 1);
        TensorAssert.Equal([101, 102, 103, 204, 205, 206], [2, 3], m + column);
        TensorAssert.Equal([101, 102, 103, 204, 205, 206], [2, 3], column + m);
    }

    [Fact]
    public void A_row_plus_a_column_makes_the_outer_sum()
    {
        var row = Tensor<double>.Vector(1, 2, 3);
        var column = Tensor<double>.FromArray([10, 20], 2, 1);
        TensorAssert.Equal([11, 12, 13, 21, 22, 23], [2, 3], row + column);
        TensorAssert.Equal([-9, -8, -7, -19, -18, -17], [2, 3], row - column);
    }

    [Fact]
    public void The_course_calories_example_gives_the_published_percentages()
    {
        var a = Matrix(new double[,]
        {
            { 56.0, 0.0, 4.4, 68.0 },
            { 1.2, 104.0, 52.0, 8.0 },
            { 1.8, 135.0, 99.0, 0.9 },
        });
        var cal = a.Sum(axis: 0);
        TensorAssert.Equal([59, 239, 155.4, 76.9], [4], cal, 1e-12);

        var percentage = 100.0 * a / cal.Reshape(1, 4);
        TensorAssert.Shape(percentage, 3, 4);
        Assert.Equal(94.91525424, percentage[0, 0], 1e-8);
        Assert.Equal(0.0, percentage[0, 1]);
        Assert.Equal(43.51464435, percentage[1, 1], 1e-8);
        Assert.Equal(63.70656371, percentage[2, 2], 1e-8);
        Assert.Equal(88.42652796, percentage[0, 3], 1e-8);
        // Each column is a whole: the percentages of a column add up to 100.
        TensorAssert.Equal([100, 100, 100, 100], [4], percentage.Sum(axis: 0), 1e-12);
    }

    [Fact]
    public void Incompatible_shapes_throw_an_error_naming_both_shapes()
    {
        var m = Tensor<float>.Zeros(2, 3);
        var v = Tensor<float>.Zeros(4);
        var error = Assert.Throws<ArgumentException>(() => m + v);
        Assert.Contains("(2, 3)", error.Message);
        Assert.Contains("(4,)", error.Message);
    }

    [Fact]
    public void Broadcasting_never_shrinks_an_axis_that_is_not_one()
    {
        Assert.Throws<ArgumentException>(() => Tensor<double>.Zeros(3, 1) * Tensor<double>.Zeros(2, 1));
        Assert.Throws<ArgumentException>(() => Tensor<double>.Zeros(2, 3, 4) - Tensor<double>.Zeros(3, 3, 1));
    }

    [Fact]
    public void A_zero_length_axis_broadcasts_with_one_and_gives_an_empty_result()
    {
        var z = Tensor<float>.Zeros(0, 3) + Tensor<float>.Ones(1, 3);
        TensorAssert.Shape(z, 0, 3);
        Assert.Equal(0, z.Length);
    }

    [Fact]
    public void Broadcasting_works_on_rows_wider_than_a_vector_register()
    {
        // 37 columns: several full vectors plus a scalar tail on each row.
        var m = Tensor<float>.FromArray(Enumerable.Range(0, 3 * 37).Select(i => (float)i).ToArray(), 3, 37);
        var row = Tensor<float>.FromArray(Enumerable.Range(0, 37).Select(i => 1000f * i).ToArray(), 37);
        var column = Tensor<float>.FromArray([0.5f, 0.25f, 0.125f], 3, 1);
        var sum = m + row;
        var product = m * column;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 37; j++)
            {
                Assert.Equal(i * 37 + j + 1000f * j, sum[i, j]);
                Assert.Equal((i * 37 + j) * column[i, 0], product[i, j]);
            }
    }

    [Fact]
    public void MapInto_can_write_the_result_over_its_left_operand()
    {
        var m = Matrix(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Tensor<double>.MapInto<Backprop.Kernels.AddOperator<double>>(m, Tensor<double>.FromArray([100, 200], 2, 1), m);
        TensorAssert.Equal([101, 102, 103, 204, 205, 206], [2, 3], m);
    }

    [Fact]
    public void MapInto_rejects_a_destination_of_the_wrong_shape()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Tensor<double>.MapInto<Backprop.Kernels.AddOperator<double>>(Tensor<double>.Zeros(2, 3), Tensor<double>.Zeros(3), Tensor<double>.Zeros(3, 2)));
        Assert.Contains("(2, 3)", error.Message);
        Assert.Contains("(3, 2)", error.Message);
    }
}
