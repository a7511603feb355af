#:project ../src/Backprop/Backprop.csproj
// The notes' computation graph: J = 3(a + bc) at a = 5, b = 3, c = 2.
// Forward (left to right): u = bc, v = a + u, J = 3v. Backward (right to left, by the chain rule):
// dJ/dv = 3, dJ/du = dJ/dv · dv/du = 3, dJ/da = 3, dJ/db = dJ/du · c = 6, dJ/dc = dJ/du · b = 9.
using Backprop.Autograd;
using Backprop.Ops;
using Backprop.Tensors;

var a = Tensor<double>.Scalar(5); a.RequiresGrad = true; a.Name = "a";
var b = Tensor<double>.Scalar(3); b.RequiresGrad = true; b.Name = "b";
var c = Tensor<double>.Scalar(2); c.RequiresGrad = true; c.Name = "c";

var u = Op.Multiply(b, c);     // u = bc
var v = Op.Add(a, u);          // v = a + u
var j = Op.Scale(v, 3.0);      // J = 3v
Console.WriteLine($"forward:  u = {u.ToScalar()}, v = {v.ToScalar()}, J = {j.ToScalar()}");

j.Backward();
Console.WriteLine($"backward: dJ/dv = {v.Grad!.ToScalar()}, dJ/du = {u.Grad!.ToScalar()}");
Console.WriteLine($"          dJ/da = {a.Grad!.ToScalar()}, dJ/db = {b.Grad!.ToScalar()}, dJ/dc = {c.Grad!.ToScalar()}");
