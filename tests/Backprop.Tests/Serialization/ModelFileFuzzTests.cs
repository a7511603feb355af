using Backprop.Models;
using Backprop.Serialization;

namespace Backprop.Tests.Serialization;

/// <summary>Seeded random damage to a valid model file — flipped bits, overwritten bytes, cuts, inserted and
/// repeated bytes — must either load or throw <see cref="ModelFileException"/>, never anything else.</summary>
public sealed class ModelFileFuzzTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Two_hundred_random_mutations_either_load_or_throw_a_model_file_exception()
    {
        var original = _folder.File("original.bp");
        ModelFile.Save(original, ModelFileTests.RandomModel<float>(), new Dictionary<string, string> { ["metrics"] = """{"accuracy":0.75}""" });
        var valid = File.ReadAllBytes(original);
        int headerEnd = 8 + (int)SafeTensorsBytes.HeaderLength(valid);
        var random = new Random(20240601);
        var path = _folder.File("mutated.bp");
        int loaded = 0, rejected = 0;

        for (int trial = 0; trial < 200; trial++)
        {
            var bytes = Mutate(valid, headerEnd, random);
            File.WriteAllBytes(path, bytes);
            try
            {
                ModelFile.Load<float>(path);
                ModelFile.ReadMetadata(path);
                loaded++;
            }
            catch (ModelFileException e)
            {
                Assert.StartsWith(path + ": ", e.Message);
                rejected++;
            }
            catch (Exception e)
            {
                Assert.Fail($"Mutation {trial} threw {e.GetType().Name}, not ModelFileException: {e.Message}");
            }
        }

        Assert.True(rejected > 100, $"only {rejected} of 200 mutations were rejected");
        Assert.True(loaded > 0, "no mutation of the tensor data loaded");
    }

    private const string JsonCharacters = "{}[]\",:0123456789-+eE. \\";

    private static byte[] Mutate(byte[] valid, int headerEnd, Random random)
    {
        var bytes = (byte[])valid.Clone();
        // Aim most damage at the 8-byte prefix and the JSON header, where the interesting failures live.
        int Position() => random.Next(4) == 0 ? random.Next(bytes.Length) : random.Next(Math.Min(headerEnd, bytes.Length));
        switch (random.Next(6))
        {
            case 0:
                for (int i = random.Next(1, 4); i > 0; i--) bytes[Position()] ^= (byte)(1 << random.Next(8));
                return bytes;
            case 1:
                bytes[Position()] = (byte)random.Next(256);
                return bytes;
            case 2:
                return bytes[..random.Next(bytes.Length)];
            case 3:
                bytes[Position()] = (byte)JsonCharacters[random.Next(JsonCharacters.Length)];
                return bytes;
            case 4:
            {
                int at = Position();
                var inserted = new byte[random.Next(1, 9)];
                random.NextBytes(inserted);
                return [.. bytes[..at], .. inserted, .. bytes[at..]];
            }
            default:
                bytes[random.Next(8)] = (byte)random.Next(256);
                return bytes;
        }
    }
}
