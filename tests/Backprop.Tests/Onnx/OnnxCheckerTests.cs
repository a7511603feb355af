using System.Diagnostics;
using Backprop.Onnx;

namespace Backprop.Tests.Onnx;

/// <summary>Every exported test model passes <c>onnx.checker.check_model(model, full_check=True)</c>, run by
/// tools/onnx_check.py with Debian's python3-onnx, and so does the GPT exported with a variable length (its Shape, Slice and
/// Concat nodes); skipped, saying how to install it, where that is absent.</summary>
public class OnnxCheckerTests
{
    [SkippableFact]
    public void Every_exported_model_passes_the_ONNX_checker_with_full_check()
    {
        const string python = "/usr/bin/python3";
        var script = Path.Combine(OnnxFixture.Folder(), "..", "..", "..", "tools", "onnx_check.py");
        Skip.If(!File.Exists(python) || Run(python, "-c \"import onnx\"").Code != 0,
            "python3-onnx is not installed (apt-get install -y python3-onnx); the ONNX checker was not run.");
        var folder = Directory.CreateTempSubdirectory("bp-onnx-check-").FullName;
        try
        {
            var files = new List<string>();
            foreach (var name in OnnxTestModels.All)
            {
                var (model, x) = OnnxTestModels.Build(name);
                var path = Path.Combine(folder, name + ".onnx");
                OnnxExport.Save(model, path, new OnnxExportOptions { InputShape = x.Shape[1..].ToArray(), ClassNames = ["a", "b"] });
                files.Add(path);
            }
            var (gpt, ids) = OnnxTestModels.Build("embedding-gpt");
            var variable = Path.Combine(folder, "embedding-gpt-variable-length.onnx");
            OnnxExport.Save(gpt, variable, new OnnxExportOptions { InputShape = ids.Shape[1..].ToArray(), VariableLength = true });
            files.Add(variable);
            var (code, output) = Run(python, $"\"{script}\" " + string.Join(' ', files.Select(f => $"\"{f}\"")));
            Assert.True(code == 0, output);
            Assert.Equal(files.Count, output.Split('\n').Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    private static (int Code, string Output) Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
