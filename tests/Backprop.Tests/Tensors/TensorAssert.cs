using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Tests.Tensors;

/// <summary>Assertions on a tensor's shape and values, with messages that show both tensors.</summary>
internal static class TensorAssert
{
    public static void Shape<T>(Tensor<T> actual, params int[] expected) where T : unmanaged, IFloatingPointIeee754<T> =>
        Assert.True(actual.Shape.SequenceEqual(expected),
            $"Expected shape {ShapeMath.Format(expected)}, got {ShapeMath.Format(actual.Shape)}.");

    /// <summary>Same shape and |actual − expected| ≤ tolerance elementwise (NaN matches NaN).</summary>
    public static void Equal(double[] expected, int[] shape, Tensor<double> actual, double tolerance = 0)
    {
        Shape(actual, shape);
        var a = actual.AsReadOnlySpan();
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Close(expected[i], a[i], tolerance),
                $"Element {i}: expected {expected[i]:R}, got {a[i]:R}.\nActual:\n{actual}");
    }

    public static void Equal(float[] expected, int[] shape, Tensor<float> actual, float tolerance = 0)
    {
        Shape(actual, shape);
        var a = actual.AsReadOnlySpan();
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Close(expected[i], a[i], tolerance),
                $"Element {i}: expected {expected[i]:R}, got {a[i]:R}.\nActual:\n{actual}");
    }

    /// <summary>Same shape and relative difference ≤ tolerance elementwise.</summary>
    public static void Close<T>(Tensor<T> expected, Tensor<T> actual, double tolerance) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Shape(actual, expected.Shape.ToArray());
        var e = expected.AsReadOnlySpan();
        var a = actual.AsReadOnlySpan();
        for (int i = 0; i < e.Length; i++)
        {
            double x = double.CreateChecked(e[i]), y = double.CreateChecked(a[i]);
            Assert.True(Close(x, y, tolerance * Math.Max(1, Math.Abs(x))), $"Element {i}: expected {x:R}, got {y:R}.");
        }
    }

    private static bool Close(double expected, double actual, double tolerance) =>
        (double.IsNaN(expected) && double.IsNaN(actual)) || expected == actual || Math.Abs(expected - actual) <= tolerance;
}
