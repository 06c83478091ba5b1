package io.hubbub.protocol;
