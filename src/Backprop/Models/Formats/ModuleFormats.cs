namespace Backprop.Models.Formats;

/// <summary>The module types a model file can name, each with its format. Anything else is a custom module, built only
/// from a factory the caller registers (<see cref="ModuleRegistry{T}"/>).</summary>
public static class ModuleFormats
{
    public const string CustomType = "custom";

    public static IReadOnlyList<ModuleFormat> BuiltIn { get; } =
    [
        new SequentialFormat(),
        new DenseFormat(),
        new ActivationFormat(),
        new DropoutFormat(),
        new BatchNormFormat(),
        new Conv2DFormat(),
        new PoolFormat(max: true),
        new PoolFormat(max: false),
        new ShapeLayerFormat("flatten"),
        new ShapeLayerFormat("globalavgpool2d"),
        new ShapeLayerFormat("zeropad2d"),
        new ShapeLayerFormat("reshape"),
        new EmbeddingFormat(),
        new SimpleRnnFormat(),
        new LstmFormat(),
        new GruFormat(),
        new LayerNormFormat(),
        new MultiHeadAttentionFormat(),
        new PositionalFormat(learned: true),
        new PositionalFormat(learned: false),
        new TransformerBlockFormat(),
        new AugmentationFormat(AugmentationFormat.Flip),
        new AugmentationFormat(AugmentationFormat.Translation),
        new AugmentationFormat(AugmentationFormat.Jitter),
    ];

    /// <summary>The format written in the file as <paramref name="type"/>, or null.</summary>
    public static ModuleFormat? Find(string type) => BuiltIn.FirstOrDefault(f => f.Type == type);
}
