package io.hubbub.bench;
