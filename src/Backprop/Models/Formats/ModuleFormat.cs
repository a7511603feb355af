using System.Numerics;
using System.Text.Json.Nodes;
using Backprop.Layers;

namespace Backprop.Models.Formats;

/// <summary>How one built-in module type is written to a model file's architecture and built back from it. The file
/// names a type; only these formats (and types the caller registers) are ever built, never a type named in the file.
/// To support a new layer, add a format to <see cref="ModuleFormats.BuiltIn"/>.</summary>
public abstract class ModuleFormat
{
    /// <summary>The "type" written in the file ("dense").</summary>
    public abstract string Type { get; }

    /// <summary>Whether this format writes <paramref name="module"/>.</summary>
    public abstract bool Writes<T>(Module<T> module) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Adds the module's settings (children through <paramref name="describe"/>) to <paramref name="entry"/>.</summary>
    public abstract void Describe<T>(Module<T> module, JsonObject entry, Func<Module<T>, JsonObject> describe)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Builds the module from its settings (children through <paramref name="build"/>, given the entry and its place).</summary>
    public abstract Module<T> Build<T>(ModuleSettings settings, Func<JsonObject, string, Module<T>> build)
        where T : unmanaged, IFloatingPointIeee754<T>;
}
