using System.Numerics;
using System.Text.Json.Nodes;
using Backprop.Layers;
using Backprop.Ops.Convolution;

namespace Backprop.Models.Formats;

/// <summary>{"type":"maxpool2d" or "avgpool2d","pool":"2","stride":"2","padding":"valid","ceil":false}: both pooling layers,
/// which differ only in the window's reduction (max or mean).</summary>
public sealed class PoolFormat(bool max) : ModuleFormat
{
    public override string Type => max ? "maxpool2d" : "avgpool2d";
    public override bool Writes<T>(Module<T> module) => max ? module is MaxPool2D<T> : module is AvgPool2D<T>;

    public override void Describe<T>(Module<T> module, JsonObject entry, Func<Module<T>, JsonObject> describe)
    {
        var spec = module is MaxPool2D<T> m ? m.Spec : ((AvgPool2D<T>)module).Spec;
        entry["pool"] = spec.Kernel.ToString();
        entry["stride"] = spec.Stride.ToString();
        entry["padding"] = spec.Padding.ToString();
        entry["ceil"] = spec.CeilMode;
    }

    public override Module<T> Build<T>(ModuleSettings settings, Func<JsonObject, string, Module<T>> build)
    {
        settings.AllowOnly("pool", "stride", "padding", "ceil");
        var pool = Size2D.Parse(settings.String("pool"), "pool size");
        var stride = Size2D.Parse(settings.String("stride"), "stride");
        var padding = Padding2D.Parse(settings.String("padding"));
        bool ceil = settings.Bool("ceil", false);
        return max ? new MaxPool2D<T>(pool, stride, padding, ceil) : new AvgPool2D<T>(pool, stride, padding, ceil);
    }
}
