using Backprop.Tensors;

namespace Backprop.Tests.Tensors;

public class TensorFormatTests
{
    [Fact]
    public void ToString_looks_like_NumPy_with_nested_brackets_and_elided_long_axes()
    {
        var small = Tensor<double>.FromRows(new double[,] { { 1, 2.5 }, { -3, 0.125 } });
        string text = small.ToString();
        Assert.StartsWith("[[1, 2.5],", text);
        Assert.Contains("[-3, 0.125]]", text);

        var vector = Tensor<float>.Vector(1, 2, 3);
        Assert.Equal("[1, 2, 3]", vector.ToString());

        var longVector = Tensor<double>.Arange(0, 100, 1);
        string elided = longVector.ToString();
        Assert.StartsWith("[0, 1, 2, ", elided);
        Assert.Contains("…", elided);
        Assert.Contains("97, 98, 99]", elided);
        Assert.DoesNotContain("50", elided);
        Assert.Contains("(100,)", elided);

        var named = Tensor<double>.Scalar(0.5);
        named.Name = "J";
        Assert.StartsWith("J = 0.5", named.ToString());
    }
}
