printf 'sms.example.com smsgate:\n' >"$DIR/transport"
printf 'sms.example.com OK\n' >"$DIR/relay"
