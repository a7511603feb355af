using System.Numerics;

namespace Backprop.Models;

/// <summary>A model read back from a file, with every <c>__metadata__</c> string the file holds: the reserved
/// <c>format</c>, <c>version</c>, <c>architecture</c> and <c>dtype</c>, plus whatever the saver added
/// (preprocessing, training settings, metrics).</summary>
public sealed record LoadedModel<T>(Sequential<T> Model, IReadOnlyDictionary<string, string> Metadata)
    where T : unmanaged, IFloatingPointIeee754<T>;
