namespace Backprop.Kernels;

/// <summary>Work cut into numbered parts that may run on any thread in any order: part p always computes the same
/// outputs, so the result does not depend on which thread ran it (see <see cref="WorkerPool"/>).</summary>
internal interface IPartWork
{
    void RunPart(int part);
}
