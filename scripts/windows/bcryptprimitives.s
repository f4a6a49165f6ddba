# A forwarder bcryptprimitives.dll for Wine 8.0, which lacks ProcessPrng
# (Go >= 1.22 imports bcryptprimitives.dll!ProcessPrng at start-up).
# The export itself is a forwarder declared in bcryptprimitives.def:
#   ProcessPrng = advapi32.SystemFunction036  (RtlGenRandom; always succeeds)
# This file only supplies the DLL entry point. Test-lane only: never shipped.
        .text
        .globl  DllMain
DllMain:
        movl    $1, %eax
        ret
