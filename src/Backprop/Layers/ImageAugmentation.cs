using System.Numerics;
using Backprop.Defaults;

namespace Backprop.Layers;

/// <summary>The augmentation layers of a level (<see cref="TrainingDefaults.Augment"/>), to put at the start of an image
/// model: none → []; light → [RandomFlip(seed), RandomTranslation(0.1, seed + 1)]; full → light +
/// [ColorJitter(0.2, 0.2, seed + 2)]. Each layer has its own seed, so adding one never changes another's draws.</summary>
public static class ImageAugmentation
{
    /// <summary>The layers of <paramref name="level"/> ("none", "light" or "full", any case); throws for another name.</summary>
    public static Module<T>[] Layers<T>(string level, uint seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var name = level.Trim().ToLowerInvariant();
        if (!TrainingDefaults.Augment.Levels.Contains(name))
            throw new ArgumentException($"The augmentation level '{level}' is not known; use {string.Join(", ", TrainingDefaults.Augment.Levels)}.");
        if (name == TrainingDefaults.Augment.None) return [];
        Module<T>[] light = [new RandomFlip<T>(seed), new RandomTranslation<T>(TrainingDefaults.Augment.Shift, seed + 1)];
        return name == TrainingDefaults.Augment.Light ? light
            : [.. light, new ColorJitter<T>(TrainingDefaults.Augment.Brightness, TrainingDefaults.Augment.Contrast, seed + 2)];
    }
}
