using Backprop.Course;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Tests.Course;

/// <summary>The course's rnn_cell_forward and lstm_cell_forward with the notebooks' set-ups (np.random.seed(1) and the
/// randn order of COURSE45_REFERENCE.md), against the published values as literals.</summary>
public class RecurrentCellCourseTests
{
    private static void Close(double[] expected, ReadOnlySpan<double> actual, double tolerance = 1e-12)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"[{i}] {expected[i]} vs {actual[i]}");
    }

    [Fact]
    public void Rnn_cell_forward_gives_the_course_a_next_and_yt_pred()
    {
        var r = new NumpyRandom(1);
        Tensor<double> Randn(params int[] shape) => Tensor<double>.RandomNormal(r, shape);
        var (xt, aPrev, waa, wax, wya, ba, by) = (Randn(3, 10), Randn(5, 10), Randn(5, 5), Randn(5, 3), Randn(2, 5), Randn(5, 1), Randn(2, 1));
        var (aNext, yPred) = CourseRecurrent.RnnCellForward(xt, aPrev, wax, waa, wya, ba, by);
        Close([0.5958454361396669, 0.18141801524270917, 0.6131186601837866, 0.9980821836482744, 0.8501620098759239,
            0.999809777363631, -0.18887155412988774, 0.9981555128490937, 0.6531150966861294, 0.8287203739542315], aNext.Row(4).AsReadOnlySpan());
        Close([0.9888161020372671, 0.016820210750325786, 0.21140898750443415, 0.36817466810650507, 0.989883869701484,
            0.8894521151515654, 0.3692022383155003, 0.9966312028640354, 0.9982559002073211, 0.17746526245711977], yPred.Row(1).AsReadOnlySpan());
        Assert.Equal([5, 10], aNext.Shape.ToArray());
    }

    [Fact]
    public void Lstm_cell_forward_gives_the_course_a_next_c_next_and_yt_pred()
    {
        var r = new NumpyRandom(1);
        Tensor<double> Randn(params int[] shape) => Tensor<double>.RandomNormal(r, shape);
        var (xt, aPrev, cPrev) = (Randn(3, 10), Randn(5, 10), Randn(5, 10));
        var (wf, bf, wi, bi, wo, bo, wc, bc) = (Randn(5, 8), Randn(5, 1), Randn(5, 8), Randn(5, 1), Randn(5, 8), Randn(5, 1), Randn(5, 8), Randn(5, 1));
        var (wy, by) = (Randn(2, 5), Randn(2, 1));
        var (aNext, cNext, yPred) = CourseRecurrent.LstmCellForward(xt, aPrev, cPrev, wf, bf, wi, bi, wc, bc, wo, bo, wy, by);
        Close([-0.664084712747323, 0.0036921007178917346, 0.020883570162513205, 0.2283416682339, -0.8557533854879655,
            0.0013848230833239928, 0.7656653077897938, 0.34631420937755314, -0.002156739515039995, 0.43827274503824876], aNext.Row(4).AsReadOnlySpan());
        Close([0.6326780497534749, 1.0057084884998637, 0.355044742528826, 0.20690913466318617, -1.6456671751753493,
            0.11832941898220026, 0.764498107990279, -0.0981561038166735, -0.7434842469584431, -0.26810932290432954], cNext.Row(2).AsReadOnlySpan());
        Close([0.7991391305203184, 0.15986619112198297, 0.22412121648952177, 0.15606107750371617, 0.9705721055272869,
            0.31146381431597453, 0.00943006725965813, 0.12666352948352655, 0.39380171741014863, 0.07828381153783477], yPred.Row(1).AsReadOnlySpan());
    }

    [Fact]
    public void The_lstm_layer_run_for_one_step_with_the_course_weights_gives_lstm_cell_forward()
    {
        var r = new NumpyRandom(1);
        Tensor<double> Randn(params int[] shape) => Tensor<double>.RandomNormal(r, shape);
        var (xt, aPrev, cPrev) = (Randn(3, 10), Randn(5, 10), Randn(5, 10));
        var (wf, bf, wi, bi, wo, bo, wc, bc) = (Randn(5, 8), Randn(5, 1), Randn(5, 8), Randn(5, 1), Randn(5, 8), Randn(5, 1), Randn(5, 8), Randn(5, 1));
        var layer = new Backprop.Layers.Lstm<double>(3, 5);
        var (wx, wh, b) = CourseRecurrent.LstmWeightsFromCourse(wf, bf, wi, bi, wc, bc, wo, bo, 3);
        layer.InputWeight.Value.CopyFrom(wx);
        layer.HiddenWeight.Value.CopyFrom(wh);
        layer.Bias.Value.CopyFrom(b);
        var a = layer.Forward(xt.Transpose().Reshape(10, 1, 3), aPrev.Transpose(), cPrev.Transpose());
        Close([-0.664084712747323, 0.0036921007178917346, 0.020883570162513205, 0.2283416682339, -0.8557533854879655,
            0.0013848230833239928, 0.7656653077897938, 0.34631420937755314, -0.002156739515039995, 0.43827274503824876],
            a.Reshape(10, 5).Transpose().Row(4).AsReadOnlySpan());
    }
}
