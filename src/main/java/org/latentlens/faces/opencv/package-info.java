/**
 * The OpenCV face finder: the only package that touches OpenCV (JavaCPP's {@code org.bytedeco.opencv} build). Its
 * natives and Haar cascade files come from the Maven jars; nothing is downloaded at run time.
 */
package org.latentlens.faces.opencv;
