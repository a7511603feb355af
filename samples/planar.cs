#:project ../src/Backprop/Backprop.csproj
// Week 3: one hidden layer of tanh units on the planar "flower" data (generated in code exactly as the course does).
// Z1 = X·W1ᵀ + b1, A1 = tanh Z1, Z2 = A1·W2ᵀ + b2, A2 = σ(Z2); dZ2 = A2 − Y, dZ1 = dZ2·W2 ∘ (1 − A1²).
// Expected: cost 0.693162 at 0 … accuracy about 90 %; hidden sizes 1..5 give 67.5, 67.25, 90.75, 90.5, 91.25 %.
using System.Globalization;
using Backprop.Course;
using Backprop.Data;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var data = Planar.Generate<double>();                             // X (400, 2), Y (400, 1)
var model = CourseModels.Planar<double>(hiddenUnits: 4);          // seed(3), W = randn × 0.01
CourseRun.Train(model, data.X, data.Y, learningRate: 1.2, iterations: 10000, printEvery: 1000,
    onCost: (i, cost) => Console.WriteLine($"Cost after iteration {i}: {cost:F6}"), printLastIteration: false);
Console.WriteLine($"Accuracy: {100 * CourseRun.Accuracy(model, data.X, data.Y)}%");

foreach (int hidden in new[] { 1, 2, 3, 4, 5, 20, 50 })
{
    var sized = CourseModels.Planar<double>(hidden);
    CourseRun.Train(sized, data.X, data.Y, 1.2, 5000, 1000);
    Console.WriteLine($"Accuracy for {hidden} hidden units: {100 * CourseRun.Accuracy(sized, data.X, data.Y)} %");
}
