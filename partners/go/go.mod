module shopeasy.example/partners/go-smoke

go 1.23

require github.com/shopeasy/shopeasy-go/shopeasy v0.0.0

replace github.com/shopeasy/shopeasy-go/shopeasy => ../../generated/go
