using Backprop.Tensors;

namespace Backprop.Tests.Tensors;

public class TensorElementwiseTests
{
    // Transcendentals are compared relatively (1e-14 in double, 1e-6 in float): vector and scalar paths may differ in the last bits.
    // Long enough (19) for the vector loop plus a scalar tail in both float and double.
    private static readonly double[] Values = [-20, -3.5, -2, -1, -0.5, -0.25, 0, 0.25, 0.5, 1, 1.5, 2, 3, 4.75, 7, 10, 15, 19.5, 20];

    private static void ExpectMatchesScalar(Func<Tensor<double>, Tensor<double>> tensorOp, Func<double, double> scalar,
        double[] inputs, double tolerance)
    {
        var x = Tensor<double>.FromArray(inputs, inputs.Length);
        TensorAssert.Close(Tensor<double>.FromArray(inputs.Select(scalar).ToArray(), inputs.Length), tensorOp(x), tolerance);
    }

    private static void ExpectFloatMatchesScalar(Func<Tensor<float>, Tensor<float>> tensorOp, Func<double, double> scalar,
        double[] inputs, double tolerance)
    {
        var x = Tensor<float>.FromArray(inputs.Select(v => (float)v).ToArray(), inputs.Length);
        var expected = Tensor<float>.FromArray(inputs.Select(v => (float)scalar((float)v)).ToArray(), inputs.Length);
        TensorAssert.Close(expected, tensorOp(x), tolerance);
    }

    [Fact]
    public void Exp_matches_Math_Exp()
    {
        ExpectMatchesScalar(x => x.Exp(), Math.Exp, Values, 1e-14);
        ExpectFloatMatchesScalar(x => x.Exp(), Math.Exp, Values, 1e-6);
        Assert.Equal(Math.E, Tensor<double>.Vector(1).Exp()[0], 1e-15);
    }

    [Fact]
    public void Log_matches_Math_Log_and_gives_minus_infinity_at_zero_and_NaN_below()
    {
        double[] positive = Values.Where(v => v > 0).Concat([1e-10, 1e10, 123.456]).ToArray();
        ExpectMatchesScalar(x => x.Log(), Math.Log, positive, 1e-14);
        ExpectFloatMatchesScalar(x => x.Log(), Math.Log, positive, 1e-6);
        var edge = Tensor<double>.Vector(0, -1).Log();
        Assert.Equal(double.NegativeInfinity, edge[0]);
        Assert.True(double.IsNaN(edge[1]));
    }

    [Fact]
    public void Sqrt_Abs_and_Square_match_their_definitions()
    {
        ExpectMatchesScalar(x => x.Sqrt(), Math.Sqrt, Values.Select(Math.Abs).ToArray(), 0);
        ExpectMatchesScalar(x => x.Abs(), Math.Abs, Values, 0);
        ExpectMatchesScalar(x => x.Square(), v => v * v, Values, 0);
        TensorAssert.Equal([3, 0, 2], [3], Tensor<double>.Vector(9, 0, 4).Sqrt());
        TensorAssert.Equal([3, 0, 2.5], [3], Tensor<double>.Vector(-3, 0, 2.5).Abs());
        TensorAssert.Equal([9, 0, 6.25], [3], Tensor<double>.Vector(-3, 0, 2.5).Square());
    }

    [Fact]
    public void Pow_raises_to_a_scalar_power_or_elementwise_with_broadcasting()
    {
        TensorAssert.Equal([8, -8, 0.125, 1], [4], Tensor<double>.Vector(2, -2, 0.5, 1).Pow(3));
        TensorAssert.Equal([3, 0.5], [2], Tensor<double>.Vector(9, 0.25).Pow(0.5));
        var bases = Tensor<double>.FromArray([1, 2, 3, 4], 2, 2);
        TensorAssert.Equal([1, 4, 3, 16], [2, 2], Tensor<double>.Pow(bases, Tensor<double>.FromArray([1, 2], 1, 2)));
        ExpectMatchesScalar(x => x.Pow(2), v => Math.Pow(v, 2), Values, 0);
    }

    [Fact]
    public void Sigmoid_of_zero_and_two_gives_the_course_values()
    {
        TensorAssert.Equal([0.5, 0.88079708], [2], Tensor<double>.Vector(0, 2).Sigmoid(), 1e-8);
        TensorAssert.Equal([0.5f, 0.88079708f], [2], Tensor<float>.Vector(0, 2).Sigmoid(), 1e-7f);
    }

    [Fact]
    public void Sigmoid_matches_its_definition_and_never_overflows()
    {
        ExpectMatchesScalar(x => x.Sigmoid(), v => 1 / (1 + Math.Exp(-v)), Values, 1e-14);
        ExpectFloatMatchesScalar(x => x.Sigmoid(), v => 1 / (1 + Math.Exp(-v)), Values, 1e-6);
        var extreme = Tensor<float>.Vector(-800, -100, 100, 800).Sigmoid().ToArray();
        Assert.All(extreme, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(0f, extreme[0]);
        Assert.Equal(1f, extreme[3]);
    }

    [Fact]
    public void Tanh_matches_Math_Tanh()
    {
        ExpectMatchesScalar(x => x.Tanh(), Math.Tanh, Values, 1e-14);
        ExpectFloatMatchesScalar(x => x.Tanh(), Math.Tanh, Values, 1e-6);
        TensorAssert.Equal([-1, 0, 1], [3], Tensor<double>.Vector(-1000, 0, 1000).Tanh());
    }

    [Fact]
    public void Relu_keeps_positives_and_zeroes_negatives()
    {
        TensorAssert.Equal([0, 0, 0, 0.5, 3], [5], Tensor<double>.Vector(-2, -0.5, 0, 0.5, 3).Relu());
        ExpectMatchesScalar(x => x.Relu(), v => Math.Max(v, 0), Values, 0);
    }

    [Fact]
    public void LeakyRelu_scales_negatives_by_the_slope()
    {
        TensorAssert.Equal([-0.02, -0.005, 0, 0.5, 3], [5], Tensor<double>.Vector(-2, -0.5, 0, 0.5, 3).LeakyRelu(0.01), 1e-17);
        ExpectMatchesScalar(x => x.LeakyRelu(0.2), v => v > 0 ? v : 0.2 * v, Values, 0);
    }

    [Fact]
    public void Clamp_limits_every_element_to_the_range()
    {
        TensorAssert.Equal([-1, -0.5, 0, 1, 1], [5], Tensor<double>.Vector(-2, -0.5, 0, 1, 3).Clamp(-1, 1));
        ExpectMatchesScalar(x => x.Clamp(-1.5, 4), v => Math.Clamp(v, -1.5, 4), Values, 0);
        TensorAssert.Equal([2, 2], [2], Tensor<double>.Vector(-5, 5).Clamp(2, 2));
    }

    [Fact]
    public void Clamp_with_low_above_high_throws()
    {
        Assert.Throws<ArgumentException>(() => Tensor<double>.Vector(1, 2).Clamp(1, 0));
    }

    [Fact]
    public void GreaterThan_a_half_turns_probabilities_into_predictions()
    {
        var a = Tensor<double>.FromArray([0.1, 0.5, 0.51, 0.9, 0.49999], 1, 5);
        TensorAssert.Equal([0, 0, 1, 1, 0], [1, 5], a.GreaterThan(0.5));
        var af = a.Cast<float>();
        TensorAssert.Equal([0f, 0f, 1f, 1f, 0f], [1, 5], af.GreaterThan(0.5f));
    }

    [Fact]
    public void Scalar_on_the_left_subtracts_and_divides_in_the_right_order()
    {
        var x = Tensor<double>.Vector(0.25, 0.5, 4);
        TensorAssert.Equal([0.75, 0.5, -3], [3], 1.0 - x);
        TensorAssert.Equal([8, 4, 0.5], [3], 2.0 / x);
        TensorAssert.Equal([3.25, 3.5, 7], [3], 3.0 + x);
        TensorAssert.Equal([0.75, 1.5, 12], [3], 3.0 * x);
    }

    [Fact]
    public void Scalar_on_the_right_and_negation_work_elementwise()
    {
        var x = Tensor<float>.Vector(0.25f, 0.5f, 4f);
        TensorAssert.Equal([-0.75f, -0.5f, 3f], [3], x - 1f);
        TensorAssert.Equal([0.125f, 0.25f, 2f], [3], x / 2f);
        TensorAssert.Equal([1.25f, 1.5f, 5f], [3], x + 1f);
        TensorAssert.Equal([0.5f, 1f, 8f], [3], x * 2f);
        TensorAssert.Equal([-0.25f, -0.5f, -4f], [3], -x);
    }

    [Fact]
    public void Elementwise_operations_leave_their_input_unchanged_and_keep_its_shape()
    {
        var x = Tensor<double>.FromArray([1, -2, 3, -4, 5, -6], 2, 3);
        var before = x.ToArray();
        foreach (var y in new[] { x.Exp(), x.Abs(), x.Sigmoid(), x.Tanh(), x.Relu(), x.Square(), 1.0 - x, x * 2.0, -x, x.Clamp(0, 1) })
            TensorAssert.Shape(y, 2, 3);
        Assert.Equal(before, x.ToArray());
    }

    [Fact]
    public void Maximum_and_Minimum_propagate_NaN_as_NumPy_does()
    {
        var x = Tensor<double>.Vector(1, double.NaN, 3);
        var y = Tensor<double>.Vector(2, 0, double.NaN);
        var max = Tensor<double>.Maximum(x, y);
        Assert.Equal(2.0, max[0]);
        Assert.True(double.IsNaN(max[1]) && double.IsNaN(max[2]));
        var min = Tensor<double>.Minimum(x, y);
        Assert.Equal(1.0, min[0]);
        Assert.True(double.IsNaN(min[1]) && double.IsNaN(min[2]));
    }

    [Fact]
    public void Comparisons_give_ones_and_zeros()
    {
        var x = Tensor<double>.Vector(1, 2, 3);
        var y = Tensor<double>.Vector(2, 2, 2);
        TensorAssert.Equal([0, 0, 1], [3], Tensor<double>.GreaterThan(x, y));
        TensorAssert.Equal([0, 1, 1], [3], Tensor<double>.GreaterThanOrEqual(x, y));
        TensorAssert.Equal([1, 0, 0], [3], Tensor<double>.LessThan(x, y));
        TensorAssert.Equal([0, 1, 0], [3], Tensor<double>.EqualTo(x, y));
        var nan = Tensor<double>.Vector(double.NaN);
        Assert.Equal(0.0, Tensor<double>.EqualTo(nan, nan)[0]);
        Assert.Equal(0.0, Tensor<double>.LessThan(nan, y.Rows(0, 1))[0]);
    }
}
