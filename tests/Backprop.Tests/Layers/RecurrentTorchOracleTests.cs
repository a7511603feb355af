using Backprop.Autograd;
using Backprop.Layers;
using Backprop.Ops;
using Backprop.Tensors;
using static Backprop.Tests.Layers.TorchCases;

namespace Backprop.Tests.Layers;

/// <summary>The recurrent layers against PyTorch 1.13 in float64 (torch_cases.json): outputs, final states and the
/// gradients of J = Σ output ∘ R for x, h0, c0 and every weight, to 1e-10. PyTorch's two biases b_ih, b_hh map to one b
/// for the tanh RNN and the LSTM (both get the gradient of b) and stay two for the GRU.</summary>
public class RecurrentTorchOracleTests
{
    [Theory]
    [InlineData("rnn_tanh_b3_t4_i5_h6")]
    [InlineData("rnn_tanh_zero_h0")]
    public void SimpleRnn_matches_pytorch_values_and_gradients(string name)
    {
        var c = Case(name);
        var (x, h0) = (Array(c, "inputs", "x"), Squeeze(Array(c, "inputs", "h0")));
        var layer = new SimpleRnn<double>(x.Dim(2), h0.Dim(1));
        LoadWeights(c, layer.InputWeight, layer.HiddenWeight, layer.Bias, null);
        x.RequiresGrad = h0.RequiresGrad = true;
        var y = layer.Forward(x, h0);
        CheckOutputsAndGradients(c, y, x, h0);
        Near(Array(c, "grads", "weight_ih_l0"), layer.InputWeight.Gradient, "dW_ih");
        Near(Array(c, "grads", "weight_hh_l0"), layer.HiddenWeight.Gradient, "dW_hh");
        Near(Array(c, "grads", "bias_ih_l0"), layer.Bias.Gradient, "db_ih");
        Near(Array(c, "grads", "bias_hh_l0"), layer.Bias.Gradient, "db_hh");
    }

    [Theory]
    [InlineData("lstm_b3_t4_i5_h6")]
    [InlineData("lstm_zero_h0_c0")]
    public void Lstm_matches_pytorch_values_and_gradients(string name)
    {
        var c = Case(name);
        var (x, h0, c0) = (Array(c, "inputs", "x"), Squeeze(Array(c, "inputs", "h0")), Squeeze(Array(c, "inputs", "c0")));
        var layer = new Lstm<double>(x.Dim(2), h0.Dim(1));
        LoadWeights(c, layer.InputWeight, layer.HiddenWeight, layer.Bias, null);
        x.RequiresGrad = h0.RequiresGrad = c0.RequiresGrad = true;
        var y = layer.Forward(x, h0, c0);
        Near(Squeeze(Array(c, "outputs", "c_n")), layer.FinalCell!, "c_n");
        CheckOutputsAndGradients(c, y, x, h0);
        Near(Squeeze(Array(c, "grads", "c0")), c0.Grad!, "dc0");
        Near(Array(c, "grads", "weight_ih_l0"), layer.InputWeight.Gradient, "dW_ih");
        Near(Array(c, "grads", "weight_hh_l0"), layer.HiddenWeight.Gradient, "dW_hh");
        Near(Array(c, "grads", "bias_ih_l0"), layer.Bias.Gradient, "db_ih");
        Near(Array(c, "grads", "bias_hh_l0"), layer.Bias.Gradient, "db_hh");
    }

    [Theory]
    [InlineData("gru_b3_t4_i5_h6")]
    [InlineData("gru_zero_h0")]
    public void Gru_matches_pytorch_values_and_gradients(string name)
    {
        var c = Case(name);
        var (x, h0) = (Array(c, "inputs", "x"), Squeeze(Array(c, "inputs", "h0")));
        var layer = new Gru<double>(x.Dim(2), h0.Dim(1));
        LoadWeights(c, layer.InputWeight, layer.HiddenWeight, layer.InputBias, layer.HiddenBias);
        x.RequiresGrad = h0.RequiresGrad = true;
        var y = layer.Forward(x, h0);
        CheckOutputsAndGradients(c, y, x, h0);
        Near(Array(c, "grads", "weight_ih_l0"), layer.InputWeight.Gradient, "dW_ih");
        Near(Array(c, "grads", "weight_hh_l0"), layer.HiddenWeight.Gradient, "dW_hh");
        Near(Array(c, "grads", "bias_ih_l0"), layer.InputBias.Gradient, "db_ih");
        Near(Array(c, "grads", "bias_hh_l0"), layer.HiddenBias.Gradient, "db_hh");
    }

    /// <summary>Copies PyTorch's weights in as they are; with one bias, b = b_ih + b_hh.</summary>
    private static void LoadWeights(System.Text.Json.JsonElement c, Parameter<double> wx, Parameter<double> wh, Parameter<double> b, Parameter<double>? bh)
    {
        wx.Value.CopyFrom(Array(c, "params", "weight_ih_l0"));
        wh.Value.CopyFrom(Array(c, "params", "weight_hh_l0"));
        var (bi, bhh) = (Array(c, "params", "bias_ih_l0"), Array(c, "params", "bias_hh_l0"));
        if (bh is null) b.Value.CopyFrom(bi + bhh);
        else { b.Value.CopyFrom(bi); bh.Value.CopyFrom(bhh); }
    }

    private static void CheckOutputsAndGradients(System.Text.Json.JsonElement c, Tensor<double> y, Tensor<double> x, Tensor<double> h0)
    {
        Near(Array(c, "outputs", "output"), y, "output");
        int m = y.Dim(0), steps = y.Dim(1), h = y.Dim(2);
        var last = Tensor<double>.Zeros(m, h);
        for (int i = 0; i < m; i++) y.AsReadOnlySpan().Slice((i * steps + steps - 1) * h, h).CopyTo(last.AsSpan().Slice(i * h, h));
        Near(Squeeze(Array(c, "outputs", "h_n")), last, "h_n");
        Op.Sum(Op.Multiply(y, Array(c, "R", "output"))).Backward();
        Near(Array(c, "grads", "x"), x.Grad!, "dx");
        Near(Squeeze(Array(c, "grads", "h0")), h0.Grad!, "dh0");
    }
}
