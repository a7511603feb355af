#:project ../src/Backprop/Backprop.csproj
// Course 5, week 1: Dinosaurus Island. A character-level tanh RNN (n_a = 50) learns dinosaur names one at a time:
// a⟨t⟩ = tanh(Wax·x⟨t⟩ + Waa·a⟨t−1⟩ + b), ŷ⟨t⟩ = softmax(Wya·a⟨t⟩ + by), loss = −Σ log ŷ⟨t⟩[y⟨t⟩], gradients clipped to ±5, SGD 0.01.
// Expected (float64, the course's seeds): Loss 23.087336 at iteration 0, 27.884160 at 2000, … 23.291971 at 12000, with the
// notebook's names (Nkzxwtdmfqoeyhsqwasjkjvu, Kneb, … Trognesaurus). Later iterations depend on BLAS summation order.
// Also shows the course's step functions, rnn_cell_forward and lstm_cell_forward, on the notebook's test set-up.
using Backprop.Course;
using Backprop.Data;
using Backprop.Randomness;
using Backprop.Tensors;

var r = new NumpyRandom(1);
Tensor<double> Randn(params int[] shape) => Tensor<double>.RandomNormal(r, shape);
var (xt, aPrev, waa, wax, wya, ba, by) = (Randn(3, 10), Randn(5, 10), Randn(5, 5), Randn(5, 3), Randn(2, 5), Randn(5, 1), Randn(2, 1));
var (aNext, _) = CourseRecurrent.RnnCellForward(xt, aPrev, wax, waa, wya, ba, by);
Console.WriteLine($"rnn_cell_forward a_next[4] = {aNext.Row(4)}");   // [0.59584544 0.18141802 0.61311866 …]

var text = File.ReadAllText(DataPaths.Find(Dinosaurs.DataFile));
foreach (var report in Dinosaurs.Run(text, iterations: 12001))
{
    Console.WriteLine(report.LossLine);
    Console.WriteLine();
    foreach (var name in report.Names) Console.WriteLine(name);
    Console.WriteLine();
}
