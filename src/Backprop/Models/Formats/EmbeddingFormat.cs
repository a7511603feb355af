using System.Text.Json.Nodes;
using Backprop.Layers;

namespace Backprop.Models.Formats;

/// <summary>{"type":"embedding","tokens":V,"width":d} for <see cref="Embedding{T}"/>.</summary>
public sealed class EmbeddingFormat : ModuleFormat
{
    public override string Type => "embedding";
    public override bool Writes<T>(Module<T> module) => module is Embedding<T>;

    public override void Describe<T>(Module<T> module, JsonObject entry, Func<Module<T>, JsonObject> describe)
    {
        var embedding = (Embedding<T>)module;
        entry["tokens"] = embedding.VocabularySize;
        entry["width"] = embedding.Width;
    }

    public override Module<T> Build<T>(ModuleSettings settings, Func<JsonObject, string, Module<T>> build)
    {
        settings.AllowOnly("tokens", "width");
        return new Embedding<T>(settings.Int("tokens"), settings.Int("width"));
    }
}
