module github.com/shopeasy/shopeasy-go/shopeasy

go 1.23

require (
)
