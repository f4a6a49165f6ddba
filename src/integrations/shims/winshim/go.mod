module govm.local/winshim

go 1.19
