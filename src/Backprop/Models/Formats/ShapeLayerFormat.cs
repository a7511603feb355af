using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Backprop.Layers;

namespace Backprop.Models.Formats;

/// <summary>The parameter-free layers that only move values: {"type":"flatten"}, {"type":"globalavgpool2d"},
/// {"type":"zeropad2d","top":1,"bottom":1,"left":1,"right":1} and {"type":"reshape","shape":"64,64,3"}.</summary>
public sealed class ShapeLayerFormat(string type) : ModuleFormat
{
    public override string Type => type;

    public override bool Writes<T>(Module<T> module) => type switch
    {
        "flatten" => module is Flatten<T>,
        "globalavgpool2d" => module is GlobalAvgPool2D<T>,
        "zeropad2d" => module is ZeroPad2D<T>,
        _ => module is Reshape<T>,
    };

    public override void Describe<T>(Module<T> module, JsonObject entry, Func<Module<T>, JsonObject> describe)
    {
        if (module is ZeroPad2D<T> pad)
        {
            (entry["top"], entry["bottom"], entry["left"], entry["right"]) = (pad.Top, pad.Bottom, pad.Left, pad.Right);
        }
        if (module is Reshape<T> reshape) entry["shape"] = string.Join(",", reshape.ExampleShape);
    }

    public override Module<T> Build<T>(ModuleSettings settings, Func<JsonObject, string, Module<T>> build)
    {
        switch (type)
        {
            case "flatten":
                settings.AllowOnly();
                return new Flatten<T>();
            case "globalavgpool2d":
                settings.AllowOnly();
                return new GlobalAvgPool2D<T>();
            case "zeropad2d":
                settings.AllowOnly("top", "bottom", "left", "right");
                return new ZeroPad2D<T>(settings.Int("top", 0), settings.Int("bottom", 0), settings.Int("left", 0), settings.Int("right", 0));
            default:
                settings.AllowOnly("shape");
                var text = settings.String("shape");
                var sizes = text.Split(',').Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : -1).ToArray();
                if (sizes.Any(n => n < 1) || sizes.Length > 8) throw settings.Fail($"\"shape\" must be positive sizes such as \"64,64,3\", not \"{(text.Length <= 40 ? text : text[..40] + "…")}\"");
                return new Reshape<T>(sizes);
        }
    }
}
