using Backprop.Cli.Output;
using System.CommandLine;
using Backprop.Models;
using Backprop.Onnx;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop import --onnx m.onnx --out m.bp</c>: an ONNX network made of the ops Backprop exports (docs/onnx.md:
/// dense, activations, batch norm, convolutions and pooling, reshapes, embeddings, RNN/LSTM/GRU) and what torch.onnx.export
/// writes for such MLPs, CNNs and recurrent networks, as a Backprop model file ready for evaluate, predict and training.</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var onnx = new Option<string>("--onnx") { Description = "The ONNX file to read.", Required = true };
        var output = new Option<string>("--out") { Description = "The Backprop model file to write.", Required = true };
        var command = new Command("import", "Read an ONNX network (dense, convolutional or recurrent: the ops backprop export writes, and PyTorch's equivalents) into a Backprop model file.") { onnx, output };
        command.SetAction(parse =>
        {
            var onnxPath = parse.GetValue(onnx)!;
            var outPath = parse.GetValue(output)!;
            if (!File.Exists(onnxPath)) throw CliException.BadInput($"--onnx '{onnxPath}': no such file.");
            var loaded = OnnxImport.Load<float>(onnxPath);
            ModelFile.Save(outPath, loaded.Model, loaded.Metadata);
            parse.InvocationConfiguration.Output.WriteLine($"wrote {outPath}: {loaded.Model}");
            return 0;
        });
        return command;
    }
}
