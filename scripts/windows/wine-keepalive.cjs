// TEST-ONLY preload for the Windows lane (`node.exe -r wine-keepalive.cjs`);
// never shipped with govm. Wine 8.0 lacks the TCP keep-alive socket options
// that libuv sets when a socket asks for keep-alive before it is connected, so
// every fetch() fails to connect under Wine. This defers setKeepAlive() until
// the socket has connected (and ignores a failure to set it then), which is
// harmless: keep-alive only tunes idle connections.
'use strict';
const net = require('node:net');
const original = net.Socket.prototype.setKeepAlive;
net.Socket.prototype.setKeepAlive = function setKeepAlive(enable, initialDelay) {
  if (this._handle && !this.connecting) {
    try {
      return original.call(this, enable, initialDelay);
    } catch {
      return this;
    }
  }
  this.once('connect', () => {
    try {
      original.call(this, enable, initialDelay);
    } catch {
      // Wine: ENOPROTOOPT; keep the connection without keep-alive
    }
  });
  return this;
};
