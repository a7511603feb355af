// Train on your own table with the Backprop package: a CSV with a header, the column to predict named, ten lines.
using Backprop.Data; using Backprop.Initializers; using Backprop.Ops.Activations; using Backprop.Losses;
using Backprop.Models; using Backprop.Optimizers; using Backprop.Randomness; using Backprop.Training;

var table = CsvTable.Load<float>(Path.Combine(AppContext.BaseDirectory, "shapes.csv"), target: "label"); // 80 % train, 20 % test
var model = Sequential<float>.FromLayerDims([table.Train.FeatureCount, 8, 1], Activation.Tanh, Activation.Sigmoid);
model.Initialize(Initializer.Xavier, new NumpyRandom(1));
model.Fit(table.Train.X, table.Train.Y, Loss.BinaryCrossEntropy, new Adam(0.01), TrainingOptions.FullBatch(2000));
var test = model.Evaluate(table.Test.X, table.Test.Y, Loss.BinaryCrossEntropy);
Console.WriteLine($"test accuracy {test.Classification!.Accuracy:P1} on {table.Test.Count} rows; classes {string.Join("/", table.Preprocessor.Target.Classes)}");
ModelFile.Save("shapes.bp", model, new Dictionary<string, string> { ["preprocessing"] = table.Preprocessor.ToJson() });
