using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Backprop.Tests.Architecture;

/// <summary>The one-way rule of DESIGN.md, read from the source of src/Backprop: a folder may use only folders of
/// lower rank (the rank-6 siblings may use each other), and only Kernels may touch intrinsics or unsafe code.</summary>
public class LayeringTests
{
    [Fact]
    public void Every_folder_under_src_Backprop_has_a_rank_in_the_table()
    {
        var library = LibraryRoot();
        var unranked = Directory.GetDirectories(library)
            .Select(Path.GetFileName)
            .Where(name => name is not ("bin" or "obj") && !name!.StartsWith('.') && !Layering.Ranks.ContainsKey(name))
            .ToList();
        Assert.True(unranked.Count == 0,
            $"Folder(s) {string.Join(", ", unranked)} under src/Backprop have no rank: add them to Layering.Ranks in {nameof(LayeringTests)}.cs, " +
            "in the place the one-way rule of DESIGN.md gives them.");
        var looseFiles = Directory.GetFiles(library, "*.cs").Select(Path.GetFileName).ToList();
        Assert.True(looseFiles.Count == 0, $"{string.Join(", ", looseFiles)} sit(s) directly in src/Backprop: put each file in a ranked folder.");
    }

    [Fact]
    public void Every_source_file_depends_only_on_lower_layers_and_only_Kernels_uses_intrinsics_or_unsafe()
    {
        var library = LibraryRoot();
        var violations = new List<string>();
        int files = 0;
        foreach (var path in Directory.EnumerateFiles(library, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(library, path).Replace('\\', '/');
            var folder = relative.Split('/')[0];
            if (folder is "bin" or "obj") continue;
            files++;
            violations.AddRange(Layering.Check(relative, File.ReadAllText(path)));
        }
        Assert.True(files > 0, $"No source files found under {library}.");
        Assert.True(violations.Count == 0, "The one-way rule of DESIGN.md is broken:\n" + string.Join("\n", violations));
    }

    [Theory]
    [InlineData("Tensors/Tensor.cs", "using Backprop.Kernels;\nusing Backprop.Randomness;\nnamespace Backprop.Tensors;")]
    [InlineData("Losses/Loss.cs", "using Backprop.Ops.Activations;\nusing Backprop.Metrics;\nnamespace Backprop.Losses;")]
    [InlineData("Serialization/ModelFile.cs", "using Backprop.Layers;\nusing Backprop.Tensors;")]
    [InlineData("Training/Trainer.cs", "using Backprop.Models;\nusing Backprop.Serialization;\nusing Backprop.Data;")]
    [InlineData("Kernels/Elementwise.cs", "using System.Runtime.Intrinsics;\nusing System.Runtime.CompilerServices;\nref T r = ref Unsafe.Add(ref x, 1); unsafe { }")]
    [InlineData("Tensors/Tensor.cs", "// Backprop.Layers builds on this; Unsafe.Add and unsafe are for Kernels only.\n/* using Backprop.Training; */ var s = \"Backprop.Ops.Op\";")]
    [InlineData("Ops/Op.cs", "var s = @\"Backprop.Training \"\" unsafe\"; var t = $\"{x} Backprop.Layers\"; char c = '\"'; var notunsafe = 1; var sUnsafe = MemoryMarshal.GetReference(y);")]
    public void The_checker_accepts_references_down_the_layers_and_text_in_comments_and_strings(string file, string source)
    {
        Assert.Empty(Layering.Check(file, source));
    }

    [Theory]
    [InlineData("Tensors/Tensor.cs", "using Backprop.Layers;", "Layers")]
    [InlineData("Ops/Op.cs", "var t = new Backprop.Training.Trainer();", "Training")]
    [InlineData("Autograd/Graph.cs", "using Op = Backprop.Ops.Op;", "Ops")]
    [InlineData("Kernels/Gemm.cs", "using Backprop.Randomness;", "Randomness")]
    [InlineData("Layers/Dense.cs", "using Backprop.Serialization;", "Serialization")]
    [InlineData("Layers/Activations/Relu.cs", "using static Backprop.Models.Sequential;", "Models")]
    [InlineData("Data/Csv.cs", "using Backprop.Layers;", "Layers")]
    [InlineData("Randomness/Rng.cs", "namespace Backprop.Tensors;", "Tensors")]
    [InlineData("Tensors/Tensor.cs", "using Backprop.Plots;", "add it to the table")]
    [InlineData("Tensors/Tensor.cs", "using System.Runtime.Intrinsics;", "System.Runtime.Intrinsics")]
    [InlineData("Ops/Op.cs", "public static unsafe void F() { }", "unsafe")]
    [InlineData("Layers/Dense.cs", "ref var w = ref Unsafe.Add(ref r, 1);", "Unsafe.")]
    [InlineData("Plots/Chart.cs", "namespace Backprop.Plots;", "add it to the table")]
    public void The_checker_flags_an_upward_reference_an_unknown_folder_and_low_level_code_outside_Kernels(string file, string source, string mentioned)
    {
        var violations = Layering.Check(file, source);
        Assert.NotEmpty(violations);
        Assert.Contains(violations, v => v.Contains(mentioned) && v.Contains(file));
    }

    /// <summary>src/Backprop, below the first folder holding Backprop.sln above the test binaries, the working
    /// directory or (for builds with their artifacts outside the repository) this source file.</summary>
    private static string LibraryRoot([CallerFilePath] string thisFile = "")
    {
        string[] starts = [AppContext.BaseDirectory, Directory.GetCurrentDirectory(), Path.GetDirectoryName(thisFile) ?? ""];
        foreach (var start in starts.Where(Directory.Exists))
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Backprop.sln")))
                    return Path.Combine(dir.FullName, "src", "Backprop");
        throw new InvalidOperationException($"No folder holding Backprop.sln above any of: {string.Join(", ", starts)}.");
    }
}

/// <summary>The rule itself: ranks of the folders of src/Backprop (higher may use lower) and a text check of one file.</summary>
public static partial class Layering
{
    /// <summary>Training → Models → Serialization → Layers · Losses · Initializers · Optimizers · Metrics → Data → Ops →
    /// Autograd → Tensors → Randomness · Defaults · Distributed → Kernels.</summary>
    public static readonly IReadOnlyDictionary<string, int> Ranks = new Dictionary<string, int>
    {
        ["Kernels"] = 0,
        ["Randomness"] = 1, ["Defaults"] = 1, ["Distributed"] = 1,
        ["Tensors"] = 2,
        ["Autograd"] = 3,
        ["Ops"] = 4,
        ["Data"] = 5,
        ["Layers"] = 6, ["Losses"] = 6, ["Initializers"] = 6, ["Optimizers"] = 6, ["Metrics"] = 6,
        ["Serialization"] = 7,
        ["Models"] = 8,
        ["Training"] = 9, ["Onnx"] = 9,
        ["Course"] = 10,
    };

    /// <summary>Folders of this rank may use each other.</summary>
    private const int SiblingRank = 6;

    /// <summary>The violations in one file, given its path relative to src/Backprop ("Tensors/Tensor.cs").</summary>
    public static List<string> Check(string relativePath, string source)
    {
        var violations = new List<string>();
        var folder = relativePath.Contains('/') ? relativePath[..relativePath.IndexOf('/')] : "";
        if (!Ranks.TryGetValue(folder, out int rank))
        {
            violations.Add($"{relativePath}: folder '{folder}' has no rank; add it to the table in LayeringTests.cs.");
            return violations;
        }
        var lines = CodeOnly(source).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var where = $"{relativePath}:{i + 1}";
            foreach (Match m in Reference().Matches(lines[i]))
            {
                var target = m.Groups[1].Value;
                if (target == folder) continue;
                if (!Ranks.TryGetValue(target, out int targetRank))
                    violations.Add($"{where}: uses Backprop.{target}, a namespace with no rank; add it to the table in LayeringTests.cs.");
                else if (targetRank > rank || (targetRank == rank && rank != SiblingRank))
                    violations.Add($"{where}: {folder} (rank {rank}) uses Backprop.{target} (rank {targetRank}); a folder may use only lower ranks.");
            }
            if (folder == "Kernels") continue;
            foreach (var (pattern, name) in LowLevel)
                if (pattern.IsMatch(lines[i]))
                    violations.Add($"{where}: {name} outside Kernels; only Kernels/ may use intrinsics or unsafe code.");
        }
        return violations;
    }

    private static readonly (Regex Pattern, string Name)[] LowLevel =
    [
        (new(@"System\.Runtime\.Intrinsics"), "System.Runtime.Intrinsics"),
        (new(@"\bunsafe\b"), "unsafe"),
        (new(@"\bUnsafe\."), "Unsafe."),
    ];

    [GeneratedRegex(@"(?<![\w.])(?:global::)?Backprop\.([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Reference();

    /// <summary>The source with comments and the insides of string and char literals blanked (newlines kept), so
    /// that prose such as "uses Backprop.Layers" does not count. A plain scanner: regular, verbatim, interpolated and
    /// raw strings; interpolation holes are blanked with the rest, which the rule can afford.</summary>
    public static string CodeOnly(string source)
    {
        var code = new StringBuilder(source.Length);
        int i = 0, n = source.Length;
        void Blank(int end) { for (; i < end && i < n; i++) code.Append(source[i] == '\n' ? '\n' : ' '); }
        while (i < n)
        {
            char c = source[i];
            char next = i + 1 < n ? source[i + 1] : '\0';
            if (c == '/' && next == '/') { int end = source.IndexOf('\n', i); Blank(end < 0 ? n : end); }
            else if (c == '/' && next == '*') { int end = source.IndexOf("*/", i + 2, StringComparison.Ordinal); Blank(end < 0 ? n : end + 2); }
            else if (c == '\'') Blank(EndOfQuoted(source, i, '\'', verbatim: false));
            else if (c == '"' || ((c == '@' || c == '$') && (next == '"' || next == '@' || next == '$')))
            {
                int quote = source.IndexOf('"', i);
                bool verbatim = source.AsSpan(i, quote - i).Contains('@');
                int run = 0;
                while (quote + run < n && source[quote + run] == '"') run++;
                if (run >= 3)
                {
                    int end = source.IndexOf(new string('"', run), quote + run, StringComparison.Ordinal);
                    Blank(end < 0 ? n : end + run);
                }
                else Blank(EndOfQuoted(source, quote, '"', verbatim));
            }
            else { code.Append(c); i++; }
        }
        return code.ToString();
    }

    /// <summary>The index just past the literal that opens with the quote at <paramref name="open"/>.</summary>
    private static int EndOfQuoted(string s, int open, char quote, bool verbatim)
    {
        for (int j = open + 1; j < s.Length; j++)
        {
            if (!verbatim && s[j] == '\\') { j++; continue; }
            if (s[j] == '\n' && !verbatim) return j;
            if (s[j] != quote) continue;
            if (verbatim && j + 1 < s.Length && s[j + 1] == quote) { j++; continue; }
            return j + 1;
        }
        return s.Length;
    }
}
