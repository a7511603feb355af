using System.Numerics;
using System.Text.Json.Nodes;
using Backprop.Layers;
using Backprop.Ops.Convolution;

namespace Backprop.Models.Formats;

/// <summary>{"type":"conv2d","inputs":n_C_prev,"filters":n_C,"kernel":"4","stride":"1","padding":"same","dilation":"1",
/// "activation":"relu","bias":true}; W is (f_h, f_w, n_C_prev, n_C).</summary>
public sealed class Conv2DFormat : ModuleFormat
{
    public override string Type => "conv2d";
    public override bool Writes<T>(Module<T> module) => module is Conv2D<T>;

    public override void Describe<T>(Module<T> module, JsonObject entry, Func<Module<T>, JsonObject> describe)
    {
        var conv = (Conv2D<T>)module;
        entry["inputs"] = conv.InputChannels;
        entry["filters"] = conv.Filters;
        entry["kernel"] = conv.Spec.Kernel.ToString();
        entry["stride"] = conv.Spec.Stride.ToString();
        entry["padding"] = conv.Spec.Padding.ToString();
        entry["dilation"] = conv.Spec.Dilation.ToString();
        entry["activation"] = conv.Activation.Name;
        entry["bias"] = conv.Bias is not null;
    }

    public override Module<T> Build<T>(ModuleSettings settings, Func<JsonObject, string, Module<T>> build)
    {
        settings.AllowOnly("inputs", "filters", "kernel", "stride", "padding", "dilation", "activation", "bias");
        return new Conv2D<T>(settings.Int("inputs"), settings.Int("filters"), Size2D.Parse(settings.String("kernel"), "kernel"),
            Size2D.Parse(settings.String("stride"), "stride"), Padding2D.Parse(settings.String("padding")), settings.Activation("activation"),
            Size2D.Parse(settings.String("dilation"), "dilation"), settings.Bool("bias", true));
    }
}
