#!/usr/bin/env bash
# Data-parallel scaling on this machine (docs/scaling.md): the MNIST MLP and the course's L-layer cat model at 1 and 2 ranks,
# one kernel thread per rank, MPI over TCP on loopback (as CI), then the projection to clusters. Writes bench/scaling/out/.
# Needs the data sets (BACKPROP_DATA or shared/data) and OpenMPI's mpirun; about a minute on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench/scaling/out
mkdir -p "$out"
dotnet build tests/Backprop.MpiProbe -c Release -v q -nologo >/dev/null
probe=tests/Backprop.MpiProbe/bin/Release/net10.0/Backprop.MpiProbe.dll
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mpi=(--mca btl self,tcp --mca btl_tcp_if_include lo --mca oob_tcp_if_include lo --bind-to core)
for workload in mnist-mlp L-layer; do
  for n in 1 2; do
    mpirun -n "$n" "${mpi[@]}" dotnet "$probe" scale "$out" --workload "$workload" --steps "${STEPS:-40}" --threads 1
  done
done
mpirun -n 2 "${mpi[@]}" dotnet "$probe" allreduce "$out" --steps 50
grep -m1 'model name' /proc/cpuinfo | sed 's/.*: /machine: /'
echo "cores: $(nproc)"
python3 bench/scaling/project.py "$out"
