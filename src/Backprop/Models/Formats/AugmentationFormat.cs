using System.Numerics;
using System.Text.Json.Nodes;
using Backprop.Layers;

namespace Backprop.Models.Formats;

/// <summary>The augmentation layers, saved so that a model round-trips (they are the identity at evaluation):
/// {"type":"randomflip","seed":1}, {"type":"randomtranslation","fraction":0.1,"seed":2} and
/// {"type":"colorjitter","brightness":0.2,"contrast":0.2,"seed":3}. The count of batches drawn is not saved: a loaded
/// model starts its draws again from batch 0.</summary>
public sealed class AugmentationFormat(string type) : ModuleFormat
{
    public const string Flip = "randomflip", Translation = "randomtranslation", Jitter = "colorjitter";

    public override string Type => type;

    public override bool Writes<T>(Module<T> module) => type switch
    {
        Flip => module is RandomFlip<T>,
        Translation => module is RandomTranslation<T>,
        _ => module is ColorJitter<T>,
    };

    public override void Describe<T>(Module<T> module, JsonObject entry, Func<Module<T>, JsonObject> describe)
    {
        if (module is RandomTranslation<T> shift) entry["fraction"] = shift.Fraction;
        if (module is ColorJitter<T> jitter) (entry["brightness"], entry["contrast"]) = (jitter.Brightness, jitter.Contrast);
        entry["seed"] = ((Augmentation<T>)module).Seed;
    }

    public override Module<T> Build<T>(ModuleSettings settings, Func<JsonObject, string, Module<T>> build)
    {
        uint seed = (uint)settings.Double("seed", 0, 0, uint.MaxValue);
        switch (type)
        {
            case Flip:
                settings.AllowOnly("seed");
                return new RandomFlip<T>(seed);
            case Translation:
                settings.AllowOnly("fraction", "seed");
                return new RandomTranslation<T>(settings.Double("fraction", 0, 0, 0.999999), seed);
            default:
                settings.AllowOnly("brightness", "contrast", "seed");
                return new ColorJitter<T>(settings.Double("brightness", 0, 0, 1e6), settings.Double("contrast", 0, 0, 0.999999), seed);
        }
    }
}
